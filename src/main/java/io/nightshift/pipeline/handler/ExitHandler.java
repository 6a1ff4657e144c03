package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;

/** The exit point: does nothing and succeeds; the engine checks goal gates before it (attractor-spec 4.4). */
final class ExitHandler implements Handler {

    @Override
    public Outcome execute(StageContext stage) {
        return Outcome.success();
    }
}
