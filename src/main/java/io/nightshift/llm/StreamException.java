package io.nightshift.llm;

/** The stream was malformed or ended early; retryable only before any data was delivered (unified-llm-spec 6.1). */
public class StreamException extends LlmException {

    public StreamException(String message) {
        super(message, true);
    }

    public StreamException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
