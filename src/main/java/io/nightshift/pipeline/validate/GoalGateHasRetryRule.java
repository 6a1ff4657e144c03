package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code goal_gate_has_retry} (attractor-spec 7.2): a goal gate has somewhere to send the run back to. A graph-level
 * retry target counts, since the engine falls back to it (attractor-spec 3.4).
 */
final class GoalGateHasRetryRule implements LintRule {

    @Override
    public String name() {
        return "goal_gate_has_retry";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        boolean graphTarget = !graph.attrs().string("retry_target", "").isEmpty()
                || !graph.attrs().string("fallback_retry_target", "").isEmpty();
        List<Diagnostic> out = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            if (n.goalGate() && n.retryTarget().isEmpty() && n.fallbackRetryTarget().isEmpty() && !graphTarget) {
                out.add(new Diagnostic(name(), Severity.WARNING, "goal gate '" + n.id()
                        + "' has no retry_target: if it is unsatisfied at exit the run fails", n.id(), null,
                        "add retry_target=<node> to '" + n.id() + "' or to the graph", Where.node(graph, n)));
            }
        }
        return out;
    }
}
