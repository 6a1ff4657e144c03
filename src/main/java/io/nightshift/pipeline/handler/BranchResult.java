package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.StageStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one parallel branch ended. {@code id} is the branch's first node; {@code status} is the outcome of its
 * last executed node; {@code joinNode} is the fan-in (or exit) node where it stopped, empty at a dead end;
 * {@code score} comes from the branch context key {@code score} when numeric, else null.
 */
public record BranchResult(String id, StageStatus status, String notes, String failureReason, Double score,
        List<String> completedNodes, String joinNode, long durationMs) {

    public BranchResult {
        notes = notes == null ? "" : notes;
        failureReason = failureReason == null ? "" : failureReason;
        completedNodes = completedNodes == null ? List.of() : List.copyOf(completedNodes);
        joinNode = joinNode == null ? "" : joinNode;
    }

    /** The JSON-serialisable form stored in context key {@code parallel.results}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("outcome", status.wireName());
        m.put("notes", notes);
        m.put("failure_reason", failureReason);
        if (score != null) {
            m.put("score", score);
        }
        m.put("completed_nodes", completedNodes);
        m.put("join_node", joinNode);
        m.put("duration_ms", durationMs);
        return m;
    }
}
