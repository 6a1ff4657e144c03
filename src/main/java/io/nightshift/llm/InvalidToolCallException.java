package io.nightshift.llm;

/** Tool-call arguments failed to parse or validate against the tool's schema (unified-llm-spec 6.1). */
class InvalidToolCallException extends LlmException {

    public InvalidToolCallException(String message) {
        super(message, false);
    }

    public InvalidToolCallException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
