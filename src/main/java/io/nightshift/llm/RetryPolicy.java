package io.nightshift.llm;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * When and how long to wait before retrying (unified-llm-spec 6.6). Attempt {@code n} (from 0) waits
 * {@code min(baseDelay * multiplier^n, maxDelay)}, times a random factor in [0.5, 1.5) with jitter. A
 * provider's {@code Retry-After} replaces that delay when it is at most {@code maxDelay}; above it, the error
 * is raised at once. {@code shouldRetry} defaults to {@link LlmException#retryable()}.
 */
public record RetryPolicy(int maxRetries, Duration baseDelay, Duration maxDelay, double backoffMultiplier,
                          boolean jitter, RetryListener onRetry, Predicate<LlmException> shouldRetry) {

    /** Told about each retry before its delay starts. Must not throw. */
    @FunctionalInterface
    public interface RetryListener {
        void onRetry(LlmException error, int attempt, Duration delay);
    }

    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0,
            true, null, null);

    public static final RetryPolicy NONE = DEFAULT.withMaxRetries(0);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        shouldRetry = shouldRetry == null ? LlmException::retryable : shouldRetry;
    }

    public RetryPolicy withMaxRetries(int value) {
        return new RetryPolicy(value, baseDelay, maxDelay, backoffMultiplier, jitter, onRetry, shouldRetry);
    }

    public RetryPolicy withDelays(Duration base, Duration max) {
        return new RetryPolicy(maxRetries, base, max, backoffMultiplier, jitter, onRetry, shouldRetry);
    }

    public RetryPolicy withOnRetry(RetryListener listener) {
        return new RetryPolicy(maxRetries, baseDelay, maxDelay, backoffMultiplier, jitter, listener, shouldRetry);
    }

    public RetryPolicy withJitter(boolean value) {
        return new RetryPolicy(maxRetries, baseDelay, maxDelay, backoffMultiplier, value, onRetry, shouldRetry);
    }

    /** The backoff before retry {@code attempt} (from 0), given a random draw in [0, 1). */
    public Duration backoff(int attempt, double random) {
        double millis = Math.min(baseDelay.toMillis() * Math.pow(backoffMultiplier, attempt), maxDelay.toMillis());
        if (jitter) {
            millis *= 0.5 + random;
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
