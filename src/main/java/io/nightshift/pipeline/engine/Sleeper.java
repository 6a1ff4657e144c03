package io.nightshift.pipeline.engine;

import java.time.Duration;

/** Waits between retries; injectable so tests never sleep for real. Must honour interruption. */
@FunctionalInterface
interface Sleeper {

    void sleep(Duration delay) throws InterruptedException;
}
