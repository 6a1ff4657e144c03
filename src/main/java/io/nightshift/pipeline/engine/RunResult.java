package io.nightshift.pipeline.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The end of a run. {@code logsRoot} is the directory the run ended in (a loop restart moves it);
 * {@code failedNode} is the stage whose failure ended the run, empty otherwise; {@code nodeOutcomes} maps node id
 * to status wire name; {@code context} is the final context snapshot; {@code spend} what the run spent (over all its
 * resumes); {@code simulated} whether no real model ran its codergen stages.
 */
public record RunResult(String runId, RunStatus status, String failureReason, String failedNode,
        List<String> completedNodes, Map<String, String> nodeOutcomes, Map<String, Object> context, Path logsRoot,
        long durationMs, io.nightshift.event.SpendReport spend, boolean simulated) {

    public RunResult {
        spend = spend == null ? io.nightshift.event.SpendReport.EMPTY : spend;
    }

    /** A result that spent nothing on models. */
    public RunResult(String runId, RunStatus status, String failureReason, String failedNode,
            List<String> completedNodes, Map<String, String> nodeOutcomes, Map<String, Object> context, Path logsRoot,
            long durationMs) {
        this(runId, status, failureReason, failedNode, completedNodes, nodeOutcomes, context, logsRoot, durationMs,
                null, false);
    }

    public boolean succeeded() {
        return status == RunStatus.SUCCESS;
    }
}
