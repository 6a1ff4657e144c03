package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code edge_target_exists} (attractor-spec 7.2): both ends of every edge are nodes of the graph. The parser
 * creates nodes for every edge end, so this catches edges a transform added.
 */
final class EdgeTargetExistsRule implements LintRule {

    @Override
    public String name() {
        return "edge_target_exists";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Edge e : graph.edges()) {
            for (String end : new String[] {e.from(), e.to()}) {
                if (!graph.nodes().containsKey(end)) {
                    out.add(new Diagnostic(name(), Severity.ERROR, "edge " + e + " refers to node '" + end
                            + "', which does not exist" + Suggestions.didYouMean(end, graph.nodes().keySet()),
                            null, Diagnostic.EdgeRef.of(e), "declare node '" + end + "' or fix the edge",
                            Where.edge(graph, e)));
                }
            }
        }
        return out;
    }
}
