package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The billing or usage quota is exhausted; waiting will not help, so not retryable (unified-llm-spec 6.1, 6.3). */
public class QuotaExceededException extends ProviderException {

    public QuotaExceededException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
