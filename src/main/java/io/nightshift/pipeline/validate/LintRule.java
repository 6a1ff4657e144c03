package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import java.util.List;

/** A validation rule (attractor-spec 7.4). Custom rules run after the built-in ones. */
public interface LintRule {

    /** The rule id diagnostics carry, e.g. {@code start_node}. */
    String name();

    /**
     * Inspects a graph and returns its findings, in a stable order; an empty list when the graph is fine.
     * Must not throw for any graph the parser or a transform can produce, and must not modify anything.
     */
    List<Diagnostic> apply(Graph graph);
}
