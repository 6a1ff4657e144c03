package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Fan-in (attractor-spec 4.9): picks the best of {@code parallel.results} by status rank (success, partial,
 * retry, fail, skipped), then highest score, then id; with a prompt, the {@link LlmRanker} (a model) picks, and
 * when its answer names no candidate the heuristic does, with notes saying which ({@code parallel.fan_in.ranked_by}
 * is {@code llm} or {@code heuristic}).
 * Fails only when there are no results or every branch failed. Records {@code parallel.fan_in.best_id} and
 * {@code parallel.fan_in.best_outcome}. When the branches worked in their own workspaces, the chosen branch's
 * commit ({@code workspace_commit} of its result) is merged through {@link WorkspaceHooks#merge}; a conflict fails
 * the stage.
 */
final class FanInHandler implements Handler {

    private final LlmRanker ranker;
    private final WorkspaceHooks workspace;

    public FanInHandler(LlmRanker ranker) {
        this(ranker, WorkspaceHooks.NONE);
    }

    public FanInHandler(LlmRanker ranker, WorkspaceHooks workspace) {
        this.ranker = ranker;
        this.workspace = workspace == null ? WorkspaceHooks.NONE : workspace;
    }

    @Override
    public Outcome execute(StageContext stage) throws Exception {
        List<Map<String, Object>> candidates = candidates(stage.context().get("parallel.results"));
        if (candidates.isEmpty()) {
            return Outcome.fail("fan-in '" + stage.node().id()
                    + "' found no parallel results: it must follow a parallel (component) node");
        }
        if (candidates.stream().allMatch(c -> status(c) == StageStatus.FAIL)) {
            return Outcome.fail("all " + candidates.size() + " parallel branches failed: " + candidates.stream()
                    .map(c -> c.get("id") + " (" + c.getOrDefault("failure_reason", "") + ")").toList());
        }
        Map<String, Object> best = null;
        String how = "";
        if (ranker != null && !stage.node().prompt().isEmpty()) {
            LlmRanker.Choice choice = ranker.best(stage, stage.node().prompt(), candidates);
            best = candidates.stream().filter(c -> String.valueOf(c.get("id")).equals(choice.id())).findFirst()
                    .orElse(null);
            how = best != null ? " (" + choice.note() + ")" : " (by outcome and score: " + choice.note() + ")";
        }
        if (best == null) {
            best = candidates.stream().min(Comparator.<Map<String, Object>>comparingInt(c -> rank(status(c)))
                    .thenComparing(Comparator.comparingDouble((Map<String, Object> c) -> score(c)).reversed())
                    .thenComparing(c -> String.valueOf(c.get("id")))).orElseThrow();
        }
        String bestId = String.valueOf(best.get("id"));
        Map<String, Object> updates = new java.util.LinkedHashMap<>();
        updates.put("parallel.fan_in.best_id", bestId);
        updates.put("parallel.fan_in.best_outcome", status(best).wireName());
        updates.put("parallel.fan_in.ranked_by", how.startsWith(" (the model") ? "llm" : "heuristic");
        Object commit = best.get(ParallelHandler.COMMIT_FIELD);
        if (commit != null && !String.valueOf(commit).isEmpty()) {
            Outcome merged = workspace.merge(stage.node(), bestId, String.valueOf(commit), stage.context());
            updates.putAll(merged.contextUpdates());
            if (merged.status() == StageStatus.FAIL) {
                return merged.withContextUpdates(updates);
            }
            return Outcome.success("Selected best candidate: " + bestId + how + "; merged its commit " + commit)
                    .withContextUpdates(updates);
        }
        return Outcome.success("Selected best candidate: " + bestId + how).withContextUpdates(updates);
    }

    private static List<Map<String, Object>> candidates(Object raw) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("id") != null) {
                    Map<String, Object> copy = new java.util.LinkedHashMap<>();
                    m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    out.add(copy);
                }
            }
        }
        return out;
    }

    private static StageStatus status(Map<String, Object> c) {
        try {
            return StageStatus.fromWire(String.valueOf(c.getOrDefault("outcome", "fail")));
        } catch (IllegalArgumentException e) {
            return StageStatus.FAIL;
        }
    }

    private static int rank(StageStatus s) {
        return switch (s) {
            case SUCCESS -> 0;
            case PARTIAL_SUCCESS -> 1;
            case RETRY -> 2;
            case FAIL -> 3;
            case SKIPPED -> 4;
        };
    }

    private static double score(Map<String, Object> c) {
        Object s = c.get("score");
        if (s instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return s == null ? 0 : Double.parseDouble(String.valueOf(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
