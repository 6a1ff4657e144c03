package io.nightshift.llm;

/** The caller cancelled the request through a {@link CancellationToken} (unified-llm-spec 6.1). */
public class AbortException extends LlmException {

    public AbortException(String message) {
        super(message, false);
    }

    public AbortException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
