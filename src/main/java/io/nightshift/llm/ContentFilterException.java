package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The provider's safety filter blocked the request or response; not retryable (unified-llm-spec 6.1, 6.3). */
public class ContentFilterException extends ProviderException {

    public ContentFilterException(String message, String provider, Integer statusCode, String errorCode, Duration retryAfter,
            JsonNode raw) {
        super(message, provider, statusCode, errorCode, false, retryAfter, raw);
    }
}
