package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dead_end} (Nightshift, as the community conformance suite expects): every node but the exit has an
 * outgoing edge. A run that reaches a dead end stops there, before the exit, so its goal gates are never checked.
 */
final class DeadEndRule implements LintRule {

    @Override
    public String name() {
        return "dead_end";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            if (n.isExit() || !graph.outgoing(n.id()).isEmpty()) {
                continue;
            }
            out.add(new Diagnostic(name(), Severity.ERROR, "node '" + n.id() + "' has no outgoing edge and is not"
                    + " the exit: a run reaching it would stop there, skipping the exit and its goal gates", n.id(),
                    null, "add an edge from '" + n.id() + "' (to the exit or the next stage), or remove the node",
                    Where.node(graph, n)));
        }
        return out;
    }
}
