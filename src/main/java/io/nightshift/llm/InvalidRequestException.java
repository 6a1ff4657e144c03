package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 400 / 422: the request was malformed or had invalid parameters; not retryable (unified-llm-spec 6.1, 6.3). */
public class InvalidRequestException extends ProviderException {

    public InvalidRequestException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
