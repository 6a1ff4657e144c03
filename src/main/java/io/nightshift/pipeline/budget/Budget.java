package io.nightshift.pipeline.budget;

import io.nightshift.pipeline.graph.Attributes;
import java.time.Duration;

/**
 * Limits on what a run (or one node, over all its visits) may spend: billed tokens (input, cached input and
 * output), cost in USD, and wall-clock time (run only). A null limit is no limit. These are the run's budgets,
 * not the per-request output cap of the unified LLM spec.
 */
public record Budget(Long maxTokens, Double maxCostUsd, Duration maxTime) {

    public static final Budget NONE = new Budget(null, null, null);

    public Budget {
        if ((maxTokens != null && maxTokens < 0) || (maxCostUsd != null && (maxCostUsd < 0 || maxCostUsd.isNaN()))
                || (maxTime != null && maxTime.isNegative())) {
            throw new IllegalArgumentException("a budget must not be negative");
        }
    }

    /** The graph attributes {@code max_tokens}, {@code max_cost_usd} and {@code max_time}; bad values are absent (lint reports them). */
    public static Budget ofGraph(Attributes attrs) {
        return new Budget(tokens(attrs), cost(attrs), attrs.duration("max_time").orElse(null));
    }

    /** The node attributes {@code max_tokens} and {@code max_cost_usd}. */
    public static Budget ofNode(Attributes attrs) {
        return new Budget(tokens(attrs), cost(attrs), null);
    }

    /** Each limit of this budget, or {@code fallback}'s where this one has none (the CLI's flags over the graph's). */
    public Budget over(Budget fallback) {
        return new Budget(maxTokens != null ? maxTokens : fallback.maxTokens,
                maxCostUsd != null ? maxCostUsd : fallback.maxCostUsd, maxTime != null ? maxTime : fallback.maxTime);
    }

    public boolean isEmpty() {
        return maxTokens == null && maxCostUsd == null && maxTime == null;
    }

    private static Long tokens(Attributes attrs) {
        try {
            return attrs.get("max_tokens").map(v -> Long.parseLong(v.trim())).filter(v -> v >= 0).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double cost(Attributes attrs) {
        return attrs.has("max_cost_usd") && attrs.decimal("max_cost_usd").isPresent()
                && attrs.decimal("max_cost_usd").getAsDouble() >= 0 ? attrs.decimal("max_cost_usd").getAsDouble() : null;
    }
}
