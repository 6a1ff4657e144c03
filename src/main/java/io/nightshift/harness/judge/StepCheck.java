package io.nightshift.harness.judge;

/**
 * The outcome of one step. A failure carries what the program did ({@code observed}), what the step wanted
 * ({@code expected}, hidden below full disclosure) and a one-line {@code reason} for the operator.
 */
record StepCheck(boolean passed, String observed, String expected, String reason) {

    static final StepCheck PASSED = new StepCheck(true, null, null, null);

    static StepCheck failed(String observed, String expected, String reason) {
        return new StepCheck(false, observed, expected, reason);
    }
}
