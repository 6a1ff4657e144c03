package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.run.StatusFile;
import io.nightshift.pipeline.state.Outcome;
import java.util.Map;

/**
 * The LLM task (attractor-spec 4.5): expands {@code $goal}, writes {@code prompt.md}, calls the backend, writes
 * {@code response.md}. A text response succeeds unless the backend (or the agent behind it) left a
 * {@code status.json} in the stage directory, which then decides (Appendix C). The engine writes the final
 * {@code status.json}.
 */
public final class CodergenHandler implements Handler {

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
        CodergenResult result = backend.run(stage.node(), prompt, stage.context());
        return switch (result) {
            case CodergenResult.Status s -> s.outcome();
            case CodergenResult.Text t -> {
                stage.writeFile("response.md", t.response());
                Map<String, Object> updates = Map.of("last_stage", stage.node().id(),
                        "last_response", truncate(t.response()));
                yield StatusFile.read(stage.stageDir())
                        .map(fromAgent -> fromAgent.withContextUpdates(withoutOverrides(updates, fromAgent)))
                        .orElseGet(() -> Outcome.success("Stage completed: " + stage.node().id())
                                .withContextUpdates(updates));
            }
        };
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
