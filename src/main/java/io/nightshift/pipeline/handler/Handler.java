package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;

/**
 * Executes one kind of node (attractor-spec 4.1). {@link StageContext} carries the node, the run context, the
 * graph and the logs root, plus the stage's directory and engine services.
 *
 * <p>Contract: handlers are stateless or synchronise their own state (parallel branches call them concurrently).
 * Anything thrown is caught by the engine and becomes a FAIL outcome (retried when the exception is
 * {@code retryable}). A handler must give up promptly when its thread is interrupted: that is how node timeouts
 * and {@code cancel()} reach it. Returning {@code null} means "this handler reports no status of its own": the
 * engine then honours a {@code status.json} left in the stage directory, else synthesises SUCCESS when the node
 * has {@code auto_status=true}, else fails the stage (attractor-spec Appendix C).
 */
@FunctionalInterface
public interface Handler {

    Outcome execute(StageContext stage) throws Exception;
}
