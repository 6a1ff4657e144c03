package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;

/** A routing point: succeeds and leaves the choice to the engine's edge selection (attractor-spec 4.7). */
final class ConditionalHandler implements Handler {

    @Override
    public Outcome execute(StageContext stage) {
        return Outcome.success("Conditional node evaluated: " + stage.node().id());
    }
}
