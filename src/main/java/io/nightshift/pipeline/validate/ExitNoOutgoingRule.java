package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** {@code exit_no_outgoing} (attractor-spec 7.2): the exit node ends the run, so it has no outgoing edges. */
final class ExitNoOutgoingRule implements LintRule {

    @Override
    public String name() {
        return "exit_no_outgoing";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node exit : graph.exitNodes()) {
            for (Edge e : graph.outgoing(exit.id())) {
                out.add(new Diagnostic(name(), Severity.ERROR, "the exit node '" + exit.id()
                        + "' has an outgoing edge to '" + e.to() + "'", exit.id(), Diagnostic.EdgeRef.of(e),
                        "remove the edge: use retry_target for loops back from the end", Where.edge(graph, e)));
            }
        }
        return out;
    }
}
