package io.nightshift.runtime.harness;

import io.nightshift.pipeline.handler.Handler;
import io.nightshift.pipeline.handler.StageContext;
import io.nightshift.pipeline.state.Outcome;

/**
 * {@code type="harness"}: judges the stage's workspace as it is (a snapshot commit of its working tree; after the
 * engine's stage commits that is the head) against {@code harness.suite}. Succeeds when satisfaction reaches the
 * threshold, else fails, so edges, goal gates and retries route on it; either way the context gets
 * {@code harness.satisfaction}, {@code harness.satisfied} and {@code harness.feedback} (and {@code harness.suite}).
 */
public final class HarnessHandler implements Handler {

    private final Judging judging;

    public HarnessHandler(Judging judging) {
        this.judging = judging;
    }

    @Override
    public Outcome execute(StageContext stage) throws Exception {
        HarnessSettings settings = HarnessSettings.of(stage.node()).orElseThrow(() -> new IllegalArgumentException(
                "node '" + stage.node().id() + "' is not a harness node"));
        Judging.Result result = judging.judge(stage.node(), settings, stage.context(), stage.runId(),
                stage.logsRoot(), stage.events(), 0);
        Outcome outcome = result.reached() ? Outcome.success(result.summary())
                : Outcome.fail(result.summary() + ": below the threshold");
        return outcome.withContextUpdates(result.contextUpdates());
    }
}
