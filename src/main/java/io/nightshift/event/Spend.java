package io.nightshift.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What some model calls spent, summed. {@code tokens} is every billed token; {@code inputTokens} includes the
 * cached ones, which {@code cachedInputTokens} counts apart; {@code reasoningTokens} is the part of output the
 * providers reported as reasoning. {@code costUsd} sums the calls whose price is known; {@code unpricedCalls}
 * counts the others, so a cost is complete only when that is 0.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Spend(long tokens, long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens,
        double costUsd, int calls, int unpricedCalls) {

    public static final Spend ZERO = new Spend(0, 0, 0, 0, 0, 0, 0, 0);

    /** This spend plus one model call's; {@code callCostUsd} is null when the model has no known price. */
    public Spend plusCall(long callTokens, long input, long cachedInput, long output, long reasoning,
            Double callCostUsd) {
        return new Spend(tokens + callTokens, inputTokens + input, cachedInputTokens + cachedInput,
                outputTokens + output, reasoningTokens + reasoning, costUsd + (callCostUsd == null ? 0 : callCostUsd),
                calls + 1, unpricedCalls + (callCostUsd == null ? 1 : 0));
    }

    public boolean costKnown() {
        return unpricedCalls == 0;
    }

    /** {@code 12,345 tokens, $0.0421} (or {@code ≥ $0.0421, 2 calls unpriced}): how progress lines show it. */
    public String describe() {
        String cost = String.format(java.util.Locale.ROOT, "$%.4f", costUsd);
        return String.format(java.util.Locale.ROOT, "%,d tokens, ", tokens)
                + (costKnown() ? cost : "≥ " + cost + " (" + unpricedCalls + " call" + (unpricedCalls == 1 ? "" : "s")
                        + " of models with no known price)");
    }
}
