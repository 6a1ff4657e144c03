package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * An error reported by a provider (unified-llm-spec 6.2). {@code statusCode} is null when the error arrived
 * inside a stream; {@code retryAfter} comes from the {@code Retry-After} header; {@code raw} is the error body
 * when it was JSON.
 */
public class ProviderException extends LlmException {

    private final String provider;
    private final Integer statusCode;
    private final String errorCode;
    private final Duration retryAfter;
    private final transient JsonNode raw;

    public ProviderException(String message, String provider, Integer statusCode, String errorCode,
                             boolean retryable, Duration retryAfter, JsonNode raw) {
        super(message, retryable);
        this.provider = provider;
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
        this.raw = raw;
    }

    public String provider() { return provider; }
    public Integer statusCode() { return statusCode; }
    public String errorCode() { return errorCode; }
    public Duration retryAfter() { return retryAfter; }
    public JsonNode raw() { return raw; }
}
