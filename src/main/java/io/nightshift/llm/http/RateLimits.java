package io.nightshift.llm.http;

import io.nightshift.llm.RateLimitInfo;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads rate-limit headers (OpenAI {@code x-ratelimit-*}, Anthropic {@code anthropic-ratelimit-*}). */
public final class RateLimits {

    private RateLimits() {
    }

    /** The figures present in {@code headers}, or null when there are none. */
    public static RateLimitInfo fromHeaders(HttpHeaders headers) {
        Long reqRemaining = first(headers, "x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining");
        Long reqLimit = first(headers, "x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit");
        Long tokRemaining = first(headers, "x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining");
        Long tokLimit = first(headers, "x-ratelimit-limit-tokens", "anthropic-ratelimit-tokens-limit");
        Instant reset = null;
        var resetValue = headers.firstValue("anthropic-ratelimit-requests-reset");
        if (resetValue.isPresent()) {
            try {
                reset = Instant.parse(resetValue.get());
            } catch (DateTimeParseException ignored) {
                reset = null;
            }
        }
        if (reqRemaining == null && reqLimit == null && tokRemaining == null && tokLimit == null && reset == null) {
            return null;
        }
        return new RateLimitInfo(reqRemaining, reqLimit, tokRemaining, tokLimit, reset);
    }

    private static Long first(HttpHeaders headers, String... names) {
        for (String name : names) {
            var v = headers.firstValue(name);
            if (v.isPresent()) {
                try {
                    return Long.parseLong(v.get().trim());
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }
}
