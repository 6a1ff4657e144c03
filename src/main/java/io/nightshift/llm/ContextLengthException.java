package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** 413, or a message about context length: the input does not fit the model; not retryable (unified-llm-spec 6.1, 6.3). */
public class ContextLengthException extends ProviderException {

    public ContextLengthException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
