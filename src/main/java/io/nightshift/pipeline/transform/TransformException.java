package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.PipelineException;

/** A custom transform broke its contract (threw, or returned null). */
final class TransformException extends PipelineException {

    public TransformException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
