package io.nightshift.llm;

import java.util.Map;
import java.util.Objects;

/**
 * How to reach one provider (unified-llm-spec 2.2 programmatic setup). {@code baseUrl} follows each provider's
 * convention: Anthropic's has no {@code /v1}, OpenAI's ends in {@code /v1}, Gemini's is the bare host.
 * {@code maxResponseBytes} caps any single response body (default 10 MiB).
 */
public record ProviderConfig(String apiKey, String baseUrl, Map<String, String> headers, Timeouts timeouts,
                             long maxResponseBytes) {

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;

    public ProviderConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        maxResponseBytes = maxResponseBytes <= 0 ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
    }

    public static ProviderConfig of(String apiKey, String baseUrl) {
        return new ProviderConfig(apiKey, baseUrl, Map.of(), Timeouts.DEFAULT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public ProviderConfig withTimeouts(Timeouts value) {
        return new ProviderConfig(apiKey, baseUrl, headers, value, maxResponseBytes);
    }

    public ProviderConfig withMaxResponseBytes(long value) {
        return new ProviderConfig(apiKey, baseUrl, headers, timeouts, value);
    }
}
