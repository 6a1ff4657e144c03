/**
 * Node handlers (attractor-spec 4): the {@link io.nightshift.pipeline.handler.Handler} contract, the registry and
 * every built-in type, plus the seams the runtime fills: {@link io.nightshift.pipeline.handler.CodergenBackend},
 * {@link io.nightshift.pipeline.handler.GraphLoader}, {@link io.nightshift.pipeline.handler.LlmRanker}.
 */
package io.nightshift.pipeline.handler;
