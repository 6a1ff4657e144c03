/**
 * The Attractor execution engine (attractor-spec 3, 5.3, 5.4): {@link io.nightshift.pipeline.engine.PipelineEngine}
 * runs a prepared graph with a {@link io.nightshift.pipeline.engine.RunConfig} and reports a
 * {@link io.nightshift.pipeline.engine.RunResult}; edge selection, goal gates, retries, failure routing, timeouts,
 * cancellation, loop restarts, checkpoints and resume live here.
 */
package io.nightshift.pipeline.engine;
