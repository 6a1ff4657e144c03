package io.nightshift.runtime.agent;

import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.state.Outcome;

/** How the last verdict of a stage judged in place decides the stage. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * A stage the agent itself failed stays failed (with the harness keys); otherwise below the threshold it fails,
     * and at or above it keeps the outcome the agent decided or succeeds. The response text is kept.
     */
    static CodergenResult apply(CodergenResult agent, StageJudge.Verdict verdict) {
        if (agent.response().isEmpty()) {
            return CodergenResult.status(agent.outcome().orElseThrow().withContextUpdates(verdict.contextUpdates()));
        }
        Outcome decided = verdict.satisfied()
                ? agent.outcome().orElseGet(() -> Outcome.success(verdict.summary()))
                : Outcome.fail(verdict.summary() + ": below the threshold");
        return CodergenResult.decided(agent.response().get(), decided.withContextUpdates(verdict.contextUpdates()));
    }
}
