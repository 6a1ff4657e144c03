package io.nightshift.llm;

/** The provider cannot honour the requested tool-choice mode (unified-llm-spec 6.1). */
class UnsupportedToolChoiceException extends LlmException {

    public UnsupportedToolChoiceException(String message) {
        super(message, false);
    }

    public UnsupportedToolChoiceException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
