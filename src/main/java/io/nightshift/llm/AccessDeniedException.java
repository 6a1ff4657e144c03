package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 403: the key lacks permission for this model or feature; not retryable (unified-llm-spec 6.1, 6.3). */
public class AccessDeniedException extends ProviderException {

    public AccessDeniedException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
