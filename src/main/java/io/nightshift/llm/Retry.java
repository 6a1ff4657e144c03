package io.nightshift.llm;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs a call under a {@link RetryPolicy} (unified-llm-spec 6.6); waiting is cut short by cancellation. */
public final class Retry {

    private Retry() {
    }

    public static <T> T call(RetryPolicy policy, CancellationToken token, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            token.throwIfCancelled();
            try {
                return call.get();
            } catch (LlmException e) {
                if (attempt >= policy.maxRetries() || !policy.shouldRetry().test(e) || token.isCancelled()) {
                    throw e;
                }
                Duration delay = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
                if (e instanceof ProviderException p && p.retryAfter() != null) {
                    if (p.retryAfter().compareTo(policy.maxDelay()) > 0) {
                        throw e;
                    }
                    delay = p.retryAfter();
                }
                if (policy.onRetry() != null) {
                    policy.onRetry().onRetry(e, attempt + 1, delay);
                }
                sleep(delay, token);
            }
        }
    }

    private static void sleep(Duration delay, CancellationToken token) {
        CountDownLatch latch = new CountDownLatch(1);
        Runnable unregister = token.onCancel(latch::countDown);
        try {
            latch.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbortException("interrupted while waiting to retry", e);
        } finally {
            unregister.run();
        }
        token.throwIfCancelled();
    }
}
