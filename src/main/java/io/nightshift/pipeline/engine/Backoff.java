package io.nightshift.pipeline.engine;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Delay between attempts (attractor-spec 3.6): initial * factor^(attempt-1), capped, times U(0.5, 1.5) with jitter. */
record Backoff(long initialDelayMs, double factor, long maxDelayMs, boolean jitter) {

    public static final Backoff STANDARD = new Backoff(200, 2.0, 60_000, true);

    /** @param attempt 1 for the delay before the first retry */
    public Duration delayFor(int attempt, RandomGenerator random) {
        double delay = initialDelayMs * Math.pow(factor, Math.max(0, attempt - 1));
        delay = Math.min(delay, maxDelayMs);
        if (jitter) {
            delay = delay * (0.5 + random.nextDouble());
        }
        return Duration.ofMillis(Math.max(0, Math.round(delay)));
    }
}
