package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/** {@code terminal_node} (attractor-spec 7.2): exactly one exit node. */
final class TerminalNodeRule implements LintRule {

    @Override
    public String name() {
        return "terminal_node";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Node> exits = graph.exitNodes();
        if (exits.isEmpty()) {
            return List.of(new Diagnostic(name(), Severity.ERROR, "the pipeline has no exit node", null, null,
                    "add 'exit [shape=Msquare]' and an edge to it from the last stage", Where.graph(graph)));
        }
        List<Diagnostic> out = new ArrayList<>();
        if (exits.size() > 1) {
            String ids = String.join(", ", exits.stream().map(Node::id).toList());
            for (Node extra : exits.subList(1, exits.size())) {
                out.add(new Diagnostic(name(), Severity.ERROR, "the pipeline must have exactly one exit node,"
                        + " found " + exits.size() + " (" + ids + ")", extra.id(), null,
                        "route every path to one node with shape=Msquare and rename or reshape '" + extra.id() + "'",
                        Where.node(graph, extra)));
            }
        }
        return out;
    }
}
