package io.nightshift.llm.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** One small daemon scheduler for timeouts and retry delays; tasks must be quick. */
public final class Timers {

    public static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nightshift-llm-timer");
        t.setDaemon(true);
        return t;
    });

    private Timers() {
    }
}
