package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.state.Context;

/**
 * Runs one parallel branch: from {@code branch.to()} through the graph, with the engine's stage execution
 * (retries, timeouts, status files, events), until it reaches a fan-in node ({@code tripleoctagon} or type
 * {@code parallel.fan_in}), an exit node, or a node with no usable edge. Thread-safe; honours interruption.
 */
@FunctionalInterface
public interface BranchRunner {

    BranchResult run(Edge branch, Context branchContext) throws InterruptedException;
}
