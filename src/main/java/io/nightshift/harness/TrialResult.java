package io.nightshift.harness;

/**
 * One run of one scenario. When not satisfied: the index of the first failing step, its kind, what the program
 * actually did ({@code observed}, bounded) and what the step wanted ({@code expected}: hidden below
 * {@link Disclosure#FULL}), and a one-line {@code reason}.
 */
public record TrialResult(int trial, boolean satisfied, int failedStep, StepKind failedKind, String observed,
                          String expected, String reason, long durationMs) {

    public static TrialResult satisfied(int trial, long durationMs) {
        return new TrialResult(trial, true, -1, null, null, null, null, durationMs);
    }
}
