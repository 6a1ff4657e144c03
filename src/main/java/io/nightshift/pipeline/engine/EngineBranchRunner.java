package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.BranchResult;
import io.nightshift.pipeline.handler.BranchRunner;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** Runs a parallel branch with the engine's stage execution and routing until a join point (attractor-spec 4.8). */
final class EngineBranchRunner implements BranchRunner {

    private final Graph graph;
    private final StageExecutor executor;
    private final Router router;
    private final java.util.function.BiConsumer<Node, Outcome> stageDone;

    /** {@code stageDone} hears of every stage a branch completes (the run's progress records them). */
    EngineBranchRunner(Graph graph, StageExecutor executor, Router router,
            java.util.function.BiConsumer<Node, Outcome> stageDone) {
        this.graph = graph;
        this.executor = executor;
        this.router = router;
        this.stageDone = stageDone;
    }

    static boolean isJoin(Node node) {
        return HandlerTypes.FAN_IN.equals(node.handlerType()) || PipelineEngine.isTerminal(node);
    }

    @Override
    public BranchResult run(Edge branch, Context ctx) throws InterruptedException {
        long t0 = System.nanoTime();
        List<String> completed = new ArrayList<>();
        Optional<Node> current = graph.node(branch.to());
        Edge incoming = branch;
        String previous = branch.from();
        Outcome last = Outcome.success();
        while (true) {
            if (current.isEmpty()) {
                return result(branch, Outcome.fail("branch reached unknown node"), ctx, completed, "", t0);
            }
            Node node = current.get();
            if (isJoin(node)) {
                return result(branch, last, ctx, completed, node.id(), t0);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("branch " + branch.to() + " cancelled");
            }
            try {
                last = executor.execute(node, ctx, Fidelity.resolve(node, incoming, graph, previous), new HashMap<>());
            } catch (RunCancelledException e) {
                throw new InterruptedException(e.getMessage());
            }
            completed.add(node.id());
            stageDone.accept(node, last);
            ctx.applyUpdates(last.contextUpdates());
            if (last.status() != StageStatus.SKIPPED) {
                ctx.set("outcome", last.status().wireName());
            }
            Router.Decision d = router.next(node, last, ctx);
            previous = node.id();
            switch (d) {
                case Router.Follow f -> {
                    incoming = f.edge();
                    current = graph.node(f.edge().to());
                }
                case Router.Jump j -> {
                    incoming = null;
                    current = graph.node(j.target());
                }
                case Router.End e -> {
                    return result(branch, last, ctx, completed, joinDownstreamOf(node.id()), t0);
                }
            }
        }
    }

    /**
     * The first fan-in node reachable from a branch that stopped early (a failure without route), so the run still
     * meets the other branches at their join.
     */
    private String joinDownstreamOf(String nodeId) {
        java.util.Set<String> seen = new java.util.HashSet<>(List.of(nodeId));
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(nodeId));
        while (!queue.isEmpty()) {
            for (Edge e : graph.outgoing(queue.poll())) {
                Optional<Node> n = graph.node(e.to());
                if (n.isPresent() && HandlerTypes.FAN_IN.equals(n.get().handlerType())) {
                    return n.get().id();
                }
                if (seen.add(e.to())) {
                    queue.add(e.to());
                }
            }
        }
        return "";
    }

    private static BranchResult result(Edge branch, Outcome last, Context ctx, List<String> completed, String join,
            long t0) {
        Double score = null;
        Object raw = ctx.get("score");
        if (raw instanceof Number n) {
            score = n.doubleValue();
        } else if (raw != null) {
            try {
                score = Double.parseDouble(raw.toString());
            } catch (NumberFormatException ignored) {
                score = null;
            }
        }
        return new BranchResult(branch.to(), last.status(), last.notes(), last.failureReason(), score, completed,
                join, (System.nanoTime() - t0) / 1_000_000);
    }
}
