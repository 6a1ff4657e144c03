package io.nightshift.llm;

/** A connect, request or stream-read timeout expired; not retried by default (unified-llm-spec 6.1). */
public class RequestTimeoutException extends LlmException {

    public RequestTimeoutException(String message) {
        super(message, false);
    }

    public RequestTimeoutException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
