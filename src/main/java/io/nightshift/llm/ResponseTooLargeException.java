package io.nightshift.llm;

/** A response exceeded the configured size cap; raising the cap is the fix, retrying is not (unified-llm-spec 6.1). */
public class ResponseTooLargeException extends LlmException {

    public ResponseTooLargeException(String message) {
        super(message, false);
    }

    public ResponseTooLargeException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
