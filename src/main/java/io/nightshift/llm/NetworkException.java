package io.nightshift.llm;

/** The connection failed or broke; retryable (unified-llm-spec 6.1). */
public class NetworkException extends LlmException {

    public NetworkException(String message) {
        super(message, true);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
