package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;

/**
 * Runs the LLM work of a codergen stage (attractor-spec 4.5). The stage's resolved fidelity and thread key are
 * in {@code context} under {@code internal.fidelity} and {@code internal.thread_id}, its directory under
 * {@code internal.stage_dir}. Called concurrently from parallel branches. Exceptions become FAIL outcomes
 * (retried when they carry {@code retryable=true}); the backend must stop when its thread is interrupted.
 */
@FunctionalInterface
public interface CodergenBackend {

    CodergenResult run(Node node, String prompt, Context context) throws Exception;

    /** True when this backend answers without a model (simulate mode): runs that use it say they were simulated. */
    default boolean simulates() {
        return false;
    }
}
