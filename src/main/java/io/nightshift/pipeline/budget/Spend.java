package io.nightshift.pipeline.budget;

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

    public Spend plus(ModelCall call) {
        return new Spend(tokens + call.tokens(), inputTokens + call.inputTokens(),
                cachedInputTokens + call.cachedInputTokens(), outputTokens + call.outputTokens(),
                reasoningTokens + call.reasoningTokens(), costUsd + (call.costUsd() == null ? 0 : call.costUsd()),
                calls + 1, unpricedCalls + (call.costUsd() == null ? 1 : 0));
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
