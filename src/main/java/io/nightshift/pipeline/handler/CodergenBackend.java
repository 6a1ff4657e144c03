package io.nightshift.pipeline.handler;

/**
 * Runs the LLM work of a codergen stage (attractor-spec 4.5): the engine hands it one {@link StageCall} and gets one
 * {@link CodergenResult} back. Called concurrently from parallel branches. Exceptions become FAIL outcomes (retried
 * when they carry {@code retryable=true}); the backend must stop when its thread is interrupted.
 */
@FunctionalInterface
public interface CodergenBackend {

    CodergenResult run(StageCall call) throws Exception;

    /**
     * Steers the stages of run {@code runId} that are working now (attractor-spec 4.11 {@code steer}; coding-agent
     * spec 2.6): {@code message} reaches each of their agents between two tool rounds, as a user message.
     *
     * @return how many working stages got it (0 when none is working, or the backend cannot steer)
     */
    default int steer(String runId, String message) {
        return 0;
    }

    /** True when this backend answers without a model (simulate mode): runs that use it say they were simulated. */
    default boolean simulates() {
        return false;
    }
}
