package io.nightshift.pipeline.budget;

/**
 * A budget the run reached. {@code nodeId} is the node whose own budget it was, empty for the run's budget.
 * {@link Kind#UNPRICED} is not a budget reached but a cost budget that cannot be kept: a model with no known price
 * was called, so the run fails rather than spend on unmetered.
 */
public record BudgetBreach(Kind kind, String nodeId, String reason) {

    public enum Kind {
        TOKENS,
        COST,
        TIME,
        UNPRICED
    }

    public boolean exhausted() {
        return kind != Kind.UNPRICED;
    }
}
