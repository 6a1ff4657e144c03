package io.nightshift.llm;

import java.time.Instant;

/** Rate-limit figures read from response headers; informational only (unified-llm-spec 3.12). */
public record RateLimitInfo(Long requestsRemaining, Long requestsLimit, Long tokensRemaining, Long tokensLimit,
                            Instant resetAt) {
}
