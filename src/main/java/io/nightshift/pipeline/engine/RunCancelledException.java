package io.nightshift.pipeline.engine;

/** Raised inside the engine when {@code cancel()} stops a stage; never escapes {@link PipelineEngine}. */
final class RunCancelledException extends Exception {

    RunCancelledException(String reason) {
        super(reason, null, false, false);
    }
}
