package io.nightshift.runtime.agent;

import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.StatusFile;
import io.nightshift.pipeline.state.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** How the last verdict of a stage judged in place decides the stage. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * A stage the agent itself failed stays failed (with the harness keys); otherwise below the threshold it fails,
     * and at or above it keeps the agent's own {@code status.json} or succeeds. The decision is written as the
     * stage's {@code status.json}, which the codergen handler honours, so the response text is kept.
     */
    static CodergenResult apply(CodergenResult agent, StageJudge.Verdict verdict, Path stageDir) {
        if (agent instanceof CodergenResult.Status status) {
            return CodergenResult.status(status.outcome().withContextUpdates(verdict.contextUpdates()));
        }
        Outcome decided = verdict.satisfied()
                ? StatusFile.read(stageDir).orElse(Outcome.success(verdict.summary()))
                : Outcome.fail(verdict.summary() + ": below the threshold");
        decided = decided.withContextUpdates(verdict.contextUpdates());
        AtomicFiles.writeString(stageDir.resolve(StatusFile.NAME),
                new String(StatusFile.render(decided, null, null), StandardCharsets.UTF_8), false);
        return agent;
    }
}
