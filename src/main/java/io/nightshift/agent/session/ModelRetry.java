package io.nightshift.agent.session;

import io.nightshift.llm.LlmException;
import io.nightshift.llm.ProviderException;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.RetryPolicy;
import java.time.Duration;

/**
 * How a session retries a model call that met a transient provider fault: a 429, a 5xx or 529, a connection
 * reset, a broken stream, a timeout. Unlike the client's retry (unified-llm-spec 6.6, which never retries once
 * data has arrived), this one also retries after a stream has started: the session has not yet recorded the
 * turn, so the partial answer is simply dropped and the whole request sent again (a documented deviation,
 * docs/agent.md). Terminal errors (401/403, 400, context overflow, content filter, quota) are never retried.
 *
 * <p>Delays follow {@code policy}'s backoff; a provider's {@code Retry-After} replaces it, and one longer than
 * {@code policy.maxDelay()} ends the retries at once rather than waiting past what the operator allows.
 */
public record ModelRetry(RetryPolicy policy) {

    /** Five retries, 2 s doubling to at most 2 min: rides out a provider's overload of a few minutes. */
    public static final ModelRetry DEFAULT = new ModelRetry(new RetryPolicy(5, Duration.ofSeconds(2),
            Duration.ofMinutes(2), 2.0, true, null, null));

    /** No retries: every fault ends the input (what a caller that retries itself wants). */
    public static final ModelRetry NONE = new ModelRetry(DEFAULT.policy.withMaxRetries(0));

    public ModelRetry {
        if (policy == null) {
            throw new IllegalArgumentException("a model retry needs a policy");
        }
    }

    /** A fault worth another attempt: the error's own retryable flag, plus timeouts (a hung connection). */
    public static boolean transientFault(LlmException error) {
        return error.retryable() || error instanceof RequestTimeoutException;
    }

    /**
     * The wait before retry {@code attempt} (from 0) after {@code error}, or null to give up: not transient, out of
     * retries, or a {@code Retry-After} longer than the policy's maximum delay. {@code random} is a draw in [0, 1).
     */
    Duration delayBefore(int attempt, LlmException error, double random) {
        if (attempt >= policy.maxRetries() || !transientFault(error)) {
            return null;
        }
        if (error instanceof ProviderException p && p.retryAfter() != null) {
            return p.retryAfter().compareTo(policy.maxDelay()) > 0 ? null : p.retryAfter();
        }
        return policy.backoff(attempt, random);
    }
}
