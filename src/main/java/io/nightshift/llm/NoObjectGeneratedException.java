package io.nightshift.llm;

/** Structured output could not be parsed or did not match the schema (unified-llm-spec 6.1). */
class NoObjectGeneratedException extends LlmException {

    public NoObjectGeneratedException(String message) {
        super(message, false);
    }

    public NoObjectGeneratedException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
