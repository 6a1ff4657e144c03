package io.nightshift.runtime.harness;

import io.nightshift.pipeline.event.EventEmitter;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;
import io.nightshift.runtime.agent.HarnessFeedback;
import io.nightshift.runtime.agent.StageJudge;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Judges a codergen stage with {@code harness.suite} each time its agent finishes (see {@link StageJudge}).
 * The working tree is judged as a dangling snapshot commit, not a stage commit: the stage's history and its
 * protected-path checks stay as they are for stages without judging (one commit after the stage).
 */
public final class InStageJudge implements StageJudge {

    private final Judging judging;
    private final Supplier<String> runId;
    private final Supplier<EventEmitter> events;

    /**
     * @param runId  the run's id
     * @param events the run's event stream (the engine's, once it runs)
     */
    public InStageJudge(Judging judging, Supplier<String> runId, Supplier<EventEmitter> events) {
        this.judging = judging;
        this.runId = runId;
        this.events = events;
    }

    @Override
    public boolean judges(Node node) {
        return node.attrs().has(HarnessSettings.SUITE) && !HarnessSettings.TYPE.equals(node.type())
                && HandlerTypes.CODERGEN.equals(node.handlerType());
    }

    @Override
    public int maxRounds(Node node) {
        return settings(node).maxRounds();
    }

    @Override
    public Verdict judge(Node node, Context context, int round) throws Exception {
        HarnessSettings settings = settings(node);
        Path stageDir = Path.of(context.getString("internal.stage_dir", "."));
        Path runDir = stageDir.toAbsolutePath().getParent();
        Judging.Result result = judging.judge(node, settings, context, runId.get(), runDir, events.get(), round);
        String summary = result.summary() + " after round " + round + " of " + settings.maxRounds();
        return new Verdict(result.reached(), summary,
                HarnessFeedback.followUp(round, settings.maxRounds(), result.judgment().satisfaction(),
                        result.threshold(), result.judgment().feedback()),
                result.contextUpdates());
    }

    private static HarnessSettings settings(Node node) {
        return HarnessSettings.of(node).orElseThrow(() -> new IllegalArgumentException(
                "node '" + node.id() + "' has no harness.suite"));
    }
}
