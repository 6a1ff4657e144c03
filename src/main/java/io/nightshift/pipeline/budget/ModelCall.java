package io.nightshift.pipeline.budget;

import io.nightshift.event.Spend;

/**
 * The billed tokens and cost of one model call of a stage. {@code tokens} counts every billed token (input, cached
 * input, cache writes and output); {@code costUsd} is null when the model's price is unknown.
 */
public record ModelCall(String nodeId, String provider, String model, long inputTokens, long cachedInputTokens,
        long outputTokens, long reasoningTokens, long tokens, Double costUsd) {

    /** {@code spend} with this call added. */
    public Spend addTo(Spend spend) {
        return spend.plusCall(tokens(), inputTokens(), cachedInputTokens(), outputTokens(), reasoningTokens(),
                costUsd());
    }
}
