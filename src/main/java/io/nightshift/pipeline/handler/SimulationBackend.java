package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.state.Context;

/** Simulate mode: answers every stage without calling a model. */
public final class SimulationBackend implements CodergenBackend {

    @Override
    public CodergenResult run(Node node, String prompt, Context context) {
        return CodergenResult.text("[Simulated] Response for stage: " + node.id());
    }

    @Override
    public boolean simulates() {
        return true;
    }
}
