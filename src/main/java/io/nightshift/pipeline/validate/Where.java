package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;

/**
 * The best location to report: the attribute's, else the node's or edge's, else the start of the graph's file
 * (for synthesized elements and whole-graph findings).
 */
final class Where {

    private Where() {
    }

    static SourceLocation graph(Graph graph) {
        return new SourceLocation(graph.sourceFile(), 1, 1);
    }

    static SourceLocation node(Graph graph, Node node) {
        return node.location().known() ? node.location() : graph(graph);
    }

    static SourceLocation edge(Graph graph, Edge edge) {
        return edge.location().known() ? edge.location() : graph(graph);
    }

    static SourceLocation attribute(SourceLocation owner, Attribute attribute) {
        return attribute.location().known() ? attribute.location() : owner;
    }

    static SourceLocation graphAttribute(Graph graph, String key) {
        return graph.attrs().attribute(key).map(a -> attribute(graph(graph), a)).orElse(graph(graph));
    }
}
