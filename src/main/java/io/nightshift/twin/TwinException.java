package io.nightshift.twin;

/**
 * The root of the twin's failures: a server that cannot start, a script that cannot be read.
 * {@code retryable} is true only where trying again may help (a port briefly in use).
 */
public class TwinException extends RuntimeException {

    private final boolean retryable;

    public TwinException(String message) {
        this(message, false, null);
    }

    public TwinException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
