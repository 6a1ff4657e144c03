package io.nightshift.llm;

/**
 * Root of every error the llm layer raises (unified-llm-spec 6.1). Retry logic reads {@link #retryable()},
 * never the message. Subclasses follow the spec's taxonomy; provider-side failures extend
 * {@link ProviderException}.
 */
public class LlmException extends RuntimeException {

    private final boolean retryable;

    public LlmException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public LlmException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
