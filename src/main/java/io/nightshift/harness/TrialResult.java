package io.nightshift.harness;

/**
 * One run of one scenario. When not satisfied: the index of the first failing step, its kind, what the program
 * actually did ({@code observed}, bounded) and what the step wanted ({@code expected}: hidden below
 * {@link Disclosure#FULL}), and a one-line {@code reason}. {@code judgeError}: the trial could not be judged (its
 * judge environment failed, the harness's own housekeeping timed out); it says nothing about the program and is
 * counted neither as satisfied nor as failed.
 */
public record TrialResult(int trial, boolean satisfied, int failedStep, StepKind failedKind, String observed,
                          String expected, String reason, long durationMs, boolean judgeError) {

    public TrialResult(int trial, boolean satisfied, int failedStep, StepKind failedKind, String observed,
                       String expected, String reason, long durationMs) {
        this(trial, satisfied, failedStep, failedKind, observed, expected, reason, durationMs, false);
    }

    public static TrialResult satisfied(int trial, long durationMs) {
        return new TrialResult(trial, true, -1, null, null, null, null, durationMs, false);
    }

    /** A trial the judge itself could not complete. */
    public static TrialResult judgeError(int trial, int failedStep, String reason, long durationMs) {
        return new TrialResult(trial, false, failedStep, null, null, null, reason, durationMs, true);
    }

    /** Whether the trial says something about the program (it was not a judge error). */
    public boolean counted() {
        return !judgeError;
    }
}
