package io.nightshift.runtime.agent;

import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.SimulationBackend;
import io.nightshift.pipeline.handler.StageCall;

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
    public CodergenResult run(StageCall call) throws Exception {
        CodergenResult simulated = simulation.run(call);
        String text = simulated.response().orElse("");
        simulated = CodergenResult.text(HarnessFeedback.section(call.context())
                .map(section -> text + "\n\n" + section).orElse(text));
        StageJudge stageJudge = judge;
        if (stageJudge == null || !stageJudge.judges(call.node())) {
            return simulated;
        }
        return Verdicts.apply(simulated, stageJudge.judge(call, 1));
    }
}
