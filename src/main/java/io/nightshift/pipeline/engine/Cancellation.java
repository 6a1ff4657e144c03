package io.nightshift.pipeline.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** The cancel switch of one run: interrupts every running handler and wakes every retry wait. */
final class Cancellation {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private volatile String reason = "";

    void cancel(String why) {
        reason = why;
        cancelled.countDown();
        running.forEach(f -> f.cancel(true));
    }

    boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    String reason() {
        return reason;
    }

    void track(Future<?> f) {
        running.add(f);
        if (isCancelled()) {
            f.cancel(true);
        }
    }

    void untrack(Future<?> f) {
        running.remove(f);
    }

    /** Sleeps unless cancelled first; returns early on cancel. */
    void sleep(Duration d) throws InterruptedException {
        cancelled.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
