package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;
import java.util.Map;

/**
 * The LLM task (attractor-spec 4.5): expands {@code $goal}, writes {@code prompt.md}, hands the backend one
 * {@link StageCall}, writes {@code response.md}. A response succeeds unless the backend's result carries the
 * outcome it decided (an agent's status, an in-stage judge's verdict). The engine writes the final
 * {@code status.json}; nothing here reads it back.
 */
final class CodergenHandler implements Handler {

    static final int LAST_RESPONSE_CHARS = 200;

    private final CodergenBackend backend;

    public CodergenHandler(CodergenBackend backend) {
        this.backend = backend == null ? new SimulationBackend() : backend;
    }

    @Override
    public Outcome execute(StageContext stage) throws Exception {
        String prompt = stage.node().prompt();
        if (prompt.isEmpty()) {
            prompt = stage.node().label();
        }
        prompt = prompt.replace("$goal", stage.graph().goal());
        stage.writeFile("prompt.md", prompt);
        CodergenResult result = backend.run(new StageCall(stage.node(), prompt, stage.stageDir(), stage.fidelity(),
                stage.threadId(), StageToolHooks.resolve(stage.node(), stage.graph()), stage.events(), stage.context(),
                stage.run()));
        if (result.response().isEmpty()) {
            return result.outcome().orElseThrow();
        }
        String response = result.response().get();
        stage.writeFile("response.md", response);
        Map<String, Object> updates = Map.of("last_stage", stage.node().id(), "last_response", truncate(response));
        Outcome decided = result.outcome().orElseGet(() -> Outcome.success("Stage completed: " + stage.node().id()));
        return decided.withContextUpdates(withoutOverrides(updates, decided));
    }

    private static Map<String, Object> withoutOverrides(Map<String, Object> ours, Outcome theirs) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(ours);
        merged.putAll(theirs.contextUpdates());
        return merged;
    }

    static String truncate(String text) {
        return text.length() <= LAST_RESPONSE_CHARS ? text : text.substring(0, LAST_RESPONSE_CHARS);
    }
}
