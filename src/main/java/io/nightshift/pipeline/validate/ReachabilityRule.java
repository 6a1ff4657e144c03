package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reachability} (attractor-spec 7.2): every node can be reached from the start node. A node's
 * {@code retry_target} and {@code fallback_retry_target} are jumps the engine takes (attractor-spec 3.4, 3.7), so
 * they count as edges from that node; the graph's own retry targets count as jumps from the exit.
 */
final class ReachabilityRule implements LintRule {

    @Override
    public String name() {
        return "reachability";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        Optional<Node> start = graph.startNode();
        if (start.isEmpty()) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        seen.add(start.get().id());
        queue.add(start.get().id());
        while (!queue.isEmpty()) {
            Node current = graph.nodes().get(queue.poll());
            if (current == null) {
                continue;
            }
            for (Edge e : graph.outgoing(current.id())) {
                if (seen.add(e.to())) {
                    queue.add(e.to());
                }
            }
            List<String> jumps = new ArrayList<>(List.of(current.retryTarget(), current.fallbackRetryTarget()));
            if (current.isExit()) {
                jumps.add(graph.attrs().string("retry_target", ""));
                jumps.add(graph.attrs().string("fallback_retry_target", ""));
            }
            for (String target : jumps) {
                if (!target.isEmpty() && graph.nodes().containsKey(target) && seen.add(target)) {
                    queue.add(target);
                }
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            if (!seen.contains(n.id())) {
                out.add(new Diagnostic(name(), Severity.ERROR,
                        "node '" + n.id() + "' cannot be reached from the start node '" + start.get().id() + "'",
                        n.id(), null, "add an edge into '" + n.id() + "' from a reachable stage, or remove it",
                        Where.node(graph, n)));
            }
        }
        return out;
    }
}
