package io.nightshift.agent;

/**
 * The root of the agent layer's failures. Tool failures the model should see are results, not exceptions;
 * this is for the host: a session used wrongly, a profile that cannot be loaded, an LLM failure that closed the
 * session. {@code retryable} tells retry logic whether trying again may help.
 */
public class AgentException extends RuntimeException {

    private final boolean retryable;

    public AgentException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public AgentException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
