package io.nightshift.runtime.agent;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.SimulationBackend;
import io.nightshift.pipeline.state.Context;
import java.nio.file.Path;

/**
 * Simulate mode as runs use it: the simulation backend's answer, followed by the holdout feedback an agent would
 * have been given (so a simulated run shows in {@code response.md} what reached each stage). A stage with
 * {@code harness.suite} is judged once: without an agent nothing would change between rounds.
 */
public final class SimulatedAgent implements CodergenBackend {

    private final SimulationBackend simulation = new SimulationBackend();
    private volatile StageJudge judge;

    public void useJudge(StageJudge stageJudge) {
        this.judge = stageJudge;
    }

    @Override
    public boolean simulates() {
        return true;
    }

    @Override
    public CodergenResult run(Node node, String prompt, Context context) throws Exception {
        CodergenResult simulated = simulation.run(node, prompt, context);
        if (simulated instanceof CodergenResult.Text text) {
            simulated = CodergenResult.text(HarnessFeedback.section(context)
                    .map(section -> text.response() + "\n\n" + section).orElse(text.response()));
        }
        StageJudge stageJudge = judge;
        if (stageJudge == null || !stageJudge.judges(node)) {
            return simulated;
        }
        StageJudge.Verdict verdict = stageJudge.judge(node, context, 1);
        return Verdicts.apply(simulated, verdict, Path.of(context.getString("internal.stage_dir", ".")));
    }
}
