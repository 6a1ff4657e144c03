package io.nightshift.llm;

/** The client is misconfigured: missing key, unknown provider, no default provider (unified-llm-spec 6.1). */
public class ConfigurationException extends LlmException {

    public ConfigurationException(String message) {
        super(message, false);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
