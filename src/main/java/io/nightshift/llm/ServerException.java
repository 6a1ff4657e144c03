package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 5xx or an overloaded provider: retryable (unified-llm-spec 6.1, 6.3). */
public class ServerException extends ProviderException {

    public ServerException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, true, retryAfter, raw);
    }
}
