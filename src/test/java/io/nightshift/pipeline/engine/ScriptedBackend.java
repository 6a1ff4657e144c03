package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A codergen backend that plays a script per node (one entry per call) and answers like the simulation when a
 * node's script is used up. Records every call with the context keys the engine passes.
 */
public final class ScriptedBackend implements CodergenBackend {

    /** One recorded call. */
    public record Call(String nodeId, String prompt, String fidelity, String threadId) {
    }

    @FunctionalInterface
    public interface Step {
        CodergenResult play(Node node, Context context) throws Exception;
    }

    private final Map<String, Deque<Step>> scripts = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    public ScriptedBackend on(String nodeId, Step... steps) {
        scripts.computeIfAbsent(nodeId, k -> new ArrayDeque<>()).addAll(List.of(steps));
        return this;
    }

    public ScriptedBackend outcomes(String nodeId, Outcome... outcomes) {
        for (Outcome o : outcomes) {
            on(nodeId, (n, c) -> CodergenResult.status(o));
        }
        return this;
    }

    @Override
    public CodergenResult run(Node node, String prompt, Context context) throws Exception {
        Step step;
        synchronized (this) {
            calls.add(new Call(node.id(), prompt, context.getString("internal.fidelity"),
                    context.getString("internal.thread_id")));
            Deque<Step> script = scripts.get(node.id());
            step = script == null ? null : script.poll();
        }
        return step == null ? CodergenResult.text("[Simulated] Response for stage: " + node.id())
                : step.play(node, context);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> calledNodes() {
        return calls.stream().map(Call::nodeId).toList();
    }
}
