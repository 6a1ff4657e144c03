package io.nightshift.pipeline;

/**
 * The root of the pipeline layer's failures. {@code retryable} is what retry logic reads (never the message):
 * true for transient failures where running the stage again may succeed.
 */
public class PipelineException extends RuntimeException {

    private final boolean retryable;

    public PipelineException(String message) {
        this(message, false, null);
    }

    public PipelineException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
