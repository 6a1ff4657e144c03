package io.nightshift.runtime;

import io.nightshift.event.SpendReport;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import java.nio.file.Path;

/**
 * How a run ended, as the edges report it: the engine's result in runtime's own terms, so {@code cli} names no
 * engine type (STYLE 24). {@code simulated} is also true when the run directory's manifest says so: simulation is
 * never silent.
 */
public record RunOutcome(Status status, Path logsRoot, long durationMs, boolean simulated, SpendReport spend,
        String failedNode, String failureReason, int completedStages) {

    /** The run's terminal status, one for each of the engine's. */
    public enum Status { SUCCESS, FAIL, BUDGET_EXHAUSTED, STALLED, CANCELLED }

    public static RunOutcome of(RunResult result) {
        return new RunOutcome(Status.valueOf(result.status().name()), result.logsRoot(), result.durationMs(),
                result.simulated() || simulatedByManifest(result.logsRoot()), result.spend(), result.failedNode(),
                result.failureReason(), result.completedNodes().size());
    }

    private static boolean simulatedByManifest(Path logsRoot) {
        try {
            return new RunDirectory(logsRoot, false).readManifest().map(Manifest::isSimulated).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
