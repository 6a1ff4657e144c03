package io.nightshift.pipeline.engine;

import java.util.Locale;

/**
 * How a run ended. {@link #BUDGET_EXHAUSTED}: a budget was reached, the run can be resumed with a larger one;
 * {@link #STALLED}: a stage reported no progress for the stall timeout.
 */
public enum RunStatus {
    SUCCESS,
    FAIL,
    CANCELLED,
    BUDGET_EXHAUSTED,
    STALLED;

    /** The word {@code final.json}, the service and the events use: succeeded, failed, cancelled, budget_exhausted, stalled. */
    public String finalName() {
        return switch (this) {
            case SUCCESS -> "succeeded";
            case FAIL -> "failed";
            case CANCELLED -> "cancelled";
            case BUDGET_EXHAUSTED -> "budget_exhausted";
            case STALLED -> "stalled";
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
