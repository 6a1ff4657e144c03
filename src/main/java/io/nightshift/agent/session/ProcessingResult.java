package io.nightshift.agent.session;

/**
 * What one {@code submit} achieved: why it stopped, the last assistant text, the number of tool rounds, and the
 * error message when it stopped on an error (else null).
 */
public record ProcessingResult(StopReason stopReason, String finalText, int toolRounds, String error) {

    public ProcessingResult {
        finalText = finalText == null ? "" : finalText;
    }

    /** True when the model finished on its own (including asking the user a question). */
    public boolean completedNaturally() {
        return stopReason == StopReason.COMPLETED || stopReason == StopReason.AWAITING_INPUT;
    }
}
