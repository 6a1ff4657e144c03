package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 429: rate limited; retryable, honouring {@link #retryAfter()} (unified-llm-spec 6.1, 6.3). */
public class RateLimitException extends ProviderException {

    public RateLimitException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, true, retryAfter, raw);
    }
}
