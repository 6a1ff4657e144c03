package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;

/** The entry point: does nothing and succeeds (attractor-spec 4.3). */
final class StartHandler implements Handler {

    @Override
    public Outcome execute(StageContext stage) {
        return Outcome.success();
    }
}
