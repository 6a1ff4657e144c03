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

    /**
     * The {@code status} of {@code GET /jobs/{id}} (issue 16): {@code queued -> running -> succeeded | failed |
     * budget_exhausted | stalled | canceled}; a run blocked on a question is still running there (its run's own
     * status says {@code waiting}). {@code interrupted} only appears for a job a service without the durable queue
     * left behind.
     */
    public String jobStatus() {
        return switch (this) {
            case WAITING -> "running";
            case CANCELLED -> "canceled";
            case QUEUED, RUNNING, SUCCEEDED, FAILED, BUDGET_EXHAUSTED, STALLED, INTERRUPTED -> wireName();
        };
    }

    /** The state of a wire name; empty for an unknown one. */
    public static java.util.Optional<RunState> ofWireName(String name) {
        for (RunState s : values()) {
            if (s.wireName().equals(name)) {
                return java.util.Optional.of(s);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean terminal() {
        return switch (this) {
            case SUCCEEDED, FAILED, CANCELLED, BUDGET_EXHAUSTED, STALLED, INTERRUPTED -> true;
            case QUEUED, RUNNING, WAITING -> false;
        };
    }
}
