package io.nightshift.runtime.harness;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.Gate;
import io.nightshift.harness.WilsonInterval;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.StageCall;
import io.nightshift.runtime.agent.HarnessFeedback;
import io.nightshift.runtime.agent.StageJudge;
import java.nio.file.Path;

/**
 * Judges a codergen stage with {@code harness.suite} each time its agent finishes (see {@link StageJudge}).
 * The working tree is judged as a dangling snapshot commit, not a stage commit: the stage's history and its
 * protected-path checks stay as they are for stages without judging (one commit after the stage).
 */
public final class InStageJudge implements StageJudge {

    /** Context key: the lower confidence bound of the stage's last satisfaction. */
    public static final String LOWER_KEY = "harness.satisfaction_lower";
    /** Context key: the threshold the stage's last judgment was decided against. */
    public static final String THRESHOLD_KEY = "harness.threshold";

    private final Judging judging;

    public InStageJudge(Judging judging) {
        this.judging = judging;
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
    public Verdict judge(StageCall call, int round) throws Exception {
        HarnessSettings settings = settings(call.node());
        Path runDir = call.stageDir().toAbsolutePath().getParent();
        Judging.Result result = judging.judge(call.node(), settings, call.context(), call.runId(), runDir,
                call.events(), round);
        String summary = result.summary() + " after round " + round + " of " + settings.maxRounds();
        java.util.Map<String, Object> updates = new java.util.LinkedHashMap<>(result.contextUpdates());
        updates.put(LOWER_KEY, lowerBound(result.judgment(), settings));
        updates.put(THRESHOLD_KEY, result.threshold());
        return new Verdict(result.reached(), summary,
                HarnessFeedback.followUp(round, settings.maxRounds(), result.judgment().satisfaction(),
                        result.threshold(), result.judgment().feedback()),
                updates);
    }

    /**
     * The lower bound of the judgment's Wilson interval (at the judgment's confidence, else the node's, else 0.95):
     * what candidates are ranked by.
     */
    static double lowerBound(DisclosedJudgment judgment, HarnessSettings settings) {
        if (judgment.estimate() != null) {
            return judgment.estimate().interval().lower();
        }
        double confidence = settings.confidence() != null ? settings.confidence() : Gate.DEFAULT_CONFIDENCE;
        return judgment.totalTrials() == 0 ? 0
                : WilsonInterval.of(judgment.satisfiedTrials(), judgment.totalTrials(), confidence).lower();
    }

    private static HarnessSettings settings(Node node) {
        return HarnessSettings.of(node).orElseThrow(() -> new IllegalArgumentException(
                "node '" + node.id() + "' has no harness.suite"));
    }
}
