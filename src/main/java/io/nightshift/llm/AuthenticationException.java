package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 401, or a message about an invalid key: the API key was rejected; not retryable (unified-llm-spec 6.1, 6.3). */
public class AuthenticationException extends ProviderException {

    public AuthenticationException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
