package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.graph.Graph;

/**
 * A rewrite of the parsed graph, run after parsing and before validation (attractor-spec 9.1). Graphs are
 * immutable: a transform returns a new graph, or the same one when it changes nothing.
 */
interface Transform {

    /**
     * Returns the rewritten graph. Must not throw for a graph that parsed; problems it notices belong in
     * diagnostics from a lint rule, not in an exception.
     */
    Graph apply(Graph graph);
}
