package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 404, or a 'not found' message: unknown model or endpoint; not retryable (unified-llm-spec 6.1, 6.3). */
public class NotFoundException extends ProviderException {

    public NotFoundException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
