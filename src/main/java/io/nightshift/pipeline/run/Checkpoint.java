package io.nightshift.pipeline.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code checkpoint.json} (attractor-spec 5.3), saved after every stage. {@code current_node} is the last
 * completed stage, {@code node_outcomes} maps node id to its latest {@link NodeOutcome} (status, notes, reason), {@code context} is the context
 * snapshot. Our additions: {@code last_outcome} (the full outcome of {@code current_node}, so a resume routes
 * exactly as the original run would have), {@code status} ({@code running}, {@code success}, {@code fail},
 * {@code cancelled}, {@code budget_exhausted}, {@code stalled}), {@code stage_index}, {@code spend} (tokens and
 * cost so far, in total, per stage and per provider, and the time used) and {@code resume_node} (a stage stopped
 * by a budget before it completed, which a resume runs again; empty otherwise).
 * Context keys that earlier versions used to pass stage wiring to the agents ({@link #RETIRED_KEYS}) are dropped on
 * reading, so their checkpoints still resume and show a clean context.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Checkpoint(String timestamp, String currentNode, List<String> completedNodes,
        Map<String, Integer> nodeRetries, Map<String, NodeOutcome> nodeOutcomes, Map<String, Object> context,
        List<String> logs, Map<String, Object> lastOutcome, String status, int stageIndex,
        io.nightshift.event.SpendReport spend, String resumeNode) {

    public static final String FILE = "checkpoint.json";

    /** Wiring keys older checkpoints hold; the engine now hands these to the backend in its {@code StageCall}. */
    static final Set<String> RETIRED_KEYS = Set.of("internal.stage_dir", "internal.fidelity", "internal.thread_id",
            "internal.tool_hooks.pre", "internal.tool_hooks.post");

    public Checkpoint {
        completedNodes = completedNodes == null ? List.of() : completedNodes;
        nodeRetries = nodeRetries == null ? Map.of() : nodeRetries;
        nodeOutcomes = nodeOutcomes == null ? Map.of() : nodeOutcomes;
        context = context == null ? Map.of() : withoutRetiredKeys(context);
        logs = logs == null ? List.of() : logs;
        lastOutcome = lastOutcome == null ? Map.of() : lastOutcome;
        status = status == null ? "running" : status;
        spend = spend == null ? io.nightshift.event.SpendReport.EMPTY : spend;
        resumeNode = resumeNode == null ? "" : resumeNode;
    }

    private static Map<String, Object> withoutRetiredKeys(Map<String, Object> context) {
        if (RETIRED_KEYS.stream().noneMatch(context::containsKey)) {
            return context;
        }
        Map<String, Object> kept = new LinkedHashMap<>(context);
        kept.keySet().removeAll(RETIRED_KEYS);
        return kept;
    }
}
