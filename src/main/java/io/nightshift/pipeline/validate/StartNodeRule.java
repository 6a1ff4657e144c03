package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** {@code start_node} (attractor-spec 7.2): exactly one start node. */
final class StartNodeRule implements LintRule {

    @Override
    public String name() {
        return "start_node";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Node> starts = graph.nodes().values().stream().filter(Node::isStart).toList();
        if (starts.isEmpty()) {
            return List.of(new Diagnostic(name(), Severity.ERROR,
                    "the pipeline has no start node", null, null,
                    "add 'start [shape=Mdiamond]' and an edge from it to the first stage", Where.graph(graph)));
        }
        List<Diagnostic> out = new ArrayList<>();
        if (starts.size() > 1) {
            String ids = String.join(", ", starts.stream().map(Node::id).toList());
            for (Node extra : starts.subList(1, starts.size())) {
                out.add(new Diagnostic(name(), Severity.ERROR, "the pipeline has " + starts.size()
                        + " start nodes (" + ids + "); exactly one is allowed", extra.id(), null,
                        "keep one node with shape=Mdiamond (or id start) and rename or reshape '" + extra.id() + "'",
                        Where.node(graph, extra)));
            }
        }
        return out;
    }
}
