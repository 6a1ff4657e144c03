package io.nightshift.pipeline.handler;

import io.nightshift.event.EventEmitter;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;
import java.nio.file.Path;

/**
 * Everything the engine hands a {@link CodergenBackend} for one attempt of one codergen stage (attractor-spec 4.5):
 * the typed seam between the engine and the agents. Nothing of it travels through the run context.
 *
 * @param node      the stage's node, after the stylesheet
 * @param prompt    the prompt with {@code $goal} expanded (also written to {@code prompt.md})
 * @param stageDir  {@code <run>/<node id>}, outside any sandbox; exists when the call is made
 * @param fidelity  the resolved context fidelity (attractor-spec 5.4)
 * @param threadId  the resolved thread key; null when the stage has none
 * @param toolHooks the stage's tool hooks (attractor-spec 9.7)
 * @param events    the run's event stream: what the backend emits is numbered in sequence with the engine's events
 * @param context   the run context as this stage sees it; read it, never write it (outcomes carry updates)
 * @param run       the run so far: its id and the completed stages with their outcomes
 */
public record StageCall(Node node, String prompt, Path stageDir, String fidelity, String threadId,
        StageToolHooks toolHooks, EventEmitter events, Context context, RunSoFar run) {

    public StageCall {
        toolHooks = toolHooks == null ? StageToolHooks.NONE : toolHooks;
        events = events == null ? EventEmitter.NONE : events;
        run = run == null ? RunSoFar.NONE : run;
    }

    public String runId() {
        return run.runId();
    }
}
