package io.nightshift.workspace;

/**
 * The root of the workspace layer's failures. {@code retryable} is what retry logic reads (never the message):
 * true only where trying the same call again may succeed, e.g. a network hiccup while cloning.
 * Messages never contain credentials.
 */
public class WorkspaceException extends RuntimeException {

    private final boolean retryable;

    public WorkspaceException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public WorkspaceException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
