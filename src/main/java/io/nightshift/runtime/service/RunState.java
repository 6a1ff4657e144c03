package io.nightshift.runtime.service;

import java.util.Locale;

/**
 * Where a run of the service stands. {@code waiting} is a running run blocked on a human question;
 * {@code budget_exhausted} ended at a budget and {@code stalled} at the stall watchdog (both resumable, with raised bounds);
 * {@code interrupted} is a run the service found unfinished in its runs directory at start-up (it can be resumed).
 */
public enum RunState {
    QUEUED,
    RUNNING,
    WAITING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    BUDGET_EXHAUSTED,
    STALLED,
    INTERRUPTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return switch (this) {
            case SUCCEEDED, FAILED, CANCELLED, BUDGET_EXHAUSTED, STALLED, INTERRUPTED -> true;
            case QUEUED, RUNNING, WAITING -> false;
        };
    }
}
