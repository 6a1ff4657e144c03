package io.nightshift.harness;

/**
 * Judging could not take place (the snapshot cannot be exported, the judge environment cannot start, the caller
 * was interrupted); {@code retryable} is true where trying again may succeed. A program that fails its scenarios
 * is never an exception: that is a {@link Judgment}.
 */
public class JudgeException extends RuntimeException {

    private final boolean retryable;

    public JudgeException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
