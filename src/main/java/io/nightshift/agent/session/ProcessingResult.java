package io.nightshift.agent.session;

import io.nightshift.llm.LlmException;

/**
 * What one {@code submit} achieved: why it stopped, the last assistant text, the number of tool rounds, the
 * error message when it stopped on an error (else null), and the LLM error itself when a model call failed (else
 * null), so a caller can tell a terminal fault (a 401) from a transient one that outlasted the retries by type.
 */
public record ProcessingResult(StopReason stopReason, String finalText, int toolRounds, String error,
                               LlmException fault) {

    public ProcessingResult {
        finalText = finalText == null ? "" : finalText;
    }

    public ProcessingResult(StopReason stopReason, String finalText, int toolRounds, String error) {
        this(stopReason, finalText, toolRounds, error, null);
    }

    /** True when the model finished on its own (including asking the user a question). */
    public boolean completedNaturally() {
        return stopReason == StopReason.COMPLETED || stopReason == StopReason.AWAITING_INPUT;
    }
}
