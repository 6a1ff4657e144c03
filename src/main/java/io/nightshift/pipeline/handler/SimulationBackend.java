package io.nightshift.pipeline.handler;

/** Simulate mode: answers every stage without calling a model. */
public final class SimulationBackend implements CodergenBackend {

    @Override
    public CodergenResult run(StageCall call) {
        return CodergenResult.text("[Simulated] Response for stage: " + call.node().id());
    }

    @Override
    public boolean simulates() {
        return true;
    }
}
