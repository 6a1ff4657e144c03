package io.nightshift.pipeline.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * {@code checkpoint.json} (attractor-spec 5.3), saved after every stage. {@code current_node} is the last
 * completed stage, {@code node_outcomes} maps node id to status wire name, {@code context} is the context
 * snapshot. Our additions: {@code last_outcome} (the full outcome of {@code current_node}, so a resume routes
 * exactly as the original run would have), {@code status} ({@code running}, {@code success}, {@code fail},
 * {@code cancelled}, {@code budget_exhausted}, {@code stalled}), {@code stage_index}, {@code spend} (tokens and
 * cost so far, in total, per stage and per provider, and the time used) and {@code resume_node} (a stage stopped
 * by a budget before it completed, which a resume runs again; empty otherwise).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Checkpoint(String timestamp, String currentNode, List<String> completedNodes,
        Map<String, Integer> nodeRetries, Map<String, String> nodeOutcomes, Map<String, Object> context,
        List<String> logs, Map<String, Object> lastOutcome, String status, int stageIndex,
        io.nightshift.pipeline.budget.SpendReport spend, String resumeNode) {

    public static final String FILE = "checkpoint.json";

    public Checkpoint {
        completedNodes = completedNodes == null ? List.of() : completedNodes;
        nodeRetries = nodeRetries == null ? Map.of() : nodeRetries;
        nodeOutcomes = nodeOutcomes == null ? Map.of() : nodeOutcomes;
        context = context == null ? Map.of() : context;
        logs = logs == null ? List.of() : logs;
        lastOutcome = lastOutcome == null ? Map.of() : lastOutcome;
        status = status == null ? "running" : status;
        spend = spend == null ? io.nightshift.pipeline.budget.SpendReport.EMPTY : spend;
        resumeNode = resumeNode == null ? "" : resumeNode;
    }
}
