package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.ParallelHandler;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;

/**
 * Where the run goes after a stage. A failed stage follows a matching conditional edge, else its
 * {@code retry_target}, else its {@code fallback_retry_target}, else ends the run (attractor-spec 3.7); it never
 * takes an unconditional edge. A parallel node continues at its branches' join node. Otherwise edge selection
 * decides (3.3); no edge ends the run successfully.
 */
final class Router {

    sealed interface Decision {
    }

    record Follow(Edge edge, String reason) implements Decision {
    }

    record Jump(String target, String reason) implements Decision {
    }

    /** No next node: the run ends, failed when {@code failureReason} is not null. */
    record End(String failureReason) implements Decision {
    }

    private final Graph graph;
    private final EdgeSelector selector = new EdgeSelector();

    Router(Graph graph) {
        this.graph = graph;
    }

    Decision next(Node node, Outcome outcome, Context context) {
        boolean parallel = HandlerTypes.PARALLEL.equals(node.handlerType());
        if (outcome.status() == StageStatus.FAIL) {
            EdgeSelector.Selection s = selector.select(graph.outgoing(node.id()), outcome, context, false);
            if (s != null) {
                return new Follow(s.edge(), "fail_" + s.reason());
            }
            if (valid(node.retryTarget())) {
                return new Jump(node.retryTarget(), "retry_target");
            }
            if (valid(node.fallbackRetryTarget())) {
                return new Jump(node.fallbackRetryTarget(), "fallback_retry_target");
            }
            String reason = outcome.failureReason().isEmpty() ? "stage '" + node.id() + "' failed"
                    : outcome.failureReason();
            if (node.goalGate()) {
                reason = "goal gate '" + node.id() + "' failed and has no fail edge, retry_target or"
                        + " fallback_retry_target to recover through: " + reason;
            }
            return new End(reason);
        }
        if (parallel) {
            Object join = outcome.contextUpdates().get(ParallelHandler.JOIN_NODE_KEY);
            if (join != null && valid(join.toString())) {
                return new Jump(join.toString(), "parallel_join");
            }
        }
        EdgeSelector.Selection s = selector.select(graph.outgoing(node.id()), outcome, context, !parallel);
        return s == null ? new End(null) : new Follow(s.edge(), s.reason());
    }

    /** The target for an unsatisfied goal gate (attractor-spec 3.4), or null when there is none. */
    String goalGateTarget(Node gate) {
        for (String t : new String[] {gate.retryTarget(), gate.fallbackRetryTarget(),
                graph.attrs().string("retry_target", ""), graph.attrs().string("fallback_retry_target", "")}) {
            if (valid(t)) {
                return t;
            }
        }
        return null;
    }

    boolean valid(String target) {
        return target != null && !target.isBlank() && graph.node(target.strip()).isPresent();
    }
}
