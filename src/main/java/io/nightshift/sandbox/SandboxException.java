package io.nightshift.sandbox;

/** The root of the sandbox layer's failures; {@code retryable} tells retry logic whether trying again may help. */
public class SandboxException extends RuntimeException {

    private final boolean retryable;

    public SandboxException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public SandboxException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
