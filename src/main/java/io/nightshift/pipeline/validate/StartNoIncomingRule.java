package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** {@code start_no_incoming} (attractor-spec 7.2): nothing routes back into the start node. */
final class StartNoIncomingRule implements LintRule {

    @Override
    public String name() {
        return "start_no_incoming";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node start : graph.nodes().values()) {
            if (!start.isStart()) {
                continue;
            }
            for (Edge e : graph.incoming(start.id())) {
                out.add(new Diagnostic(name(), Severity.ERROR, "the start node '" + start.id()
                        + "' has an incoming edge from '" + e.from() + "'", start.id(), Diagnostic.EdgeRef.of(e),
                        "point the edge at the first real stage instead of the start node", Where.edge(graph, e)));
            }
        }
        return out;
    }
}
