package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.StageCall;
import io.nightshift.pipeline.state.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A codergen backend that plays a script per node (one entry per call) and answers like the simulation when a
 * node's script is used up. Records every call with what the engine hands over.
 */
public final class ScriptedBackend implements CodergenBackend {

    /** One recorded call. */
    public record Call(String nodeId, String prompt, String fidelity, String threadId) {
    }

    @FunctionalInterface
    public interface Step {
        CodergenResult play(StageCall call) throws Exception;
    }

    private final Map<String, Deque<Step>> scripts = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    public ScriptedBackend on(String nodeId, Step... steps) {
        scripts.computeIfAbsent(nodeId, k -> new ArrayDeque<>()).addAll(List.of(steps));
        return this;
    }

    public ScriptedBackend outcomes(String nodeId, Outcome... outcomes) {
        for (Outcome o : outcomes) {
            on(nodeId, call -> CodergenResult.status(o));
        }
        return this;
    }

    @Override
    public CodergenResult run(StageCall call) throws Exception {
        Step step;
        String id = call.node().id();
        synchronized (this) {
            calls.add(new Call(id, call.prompt(), call.fidelity(), call.threadId()));
            Deque<Step> script = scripts.get(id);
            step = script == null ? null : script.poll();
        }
        return step == null ? CodergenResult.text("[Simulated] Response for stage: " + id) : step.play(call);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> calledNodes() {
        return calls.stream().map(Call::nodeId).toList();
    }
}
