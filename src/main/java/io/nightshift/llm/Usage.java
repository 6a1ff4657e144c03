package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts (unified-llm-spec 3.9). The optional counts are null when the provider did not report them;
 * {@link #plus} treats null as zero unless both sides are null.
 */
public record Usage(long inputTokens, long outputTokens, long totalTokens, Long reasoningTokens,
                    Long cacheReadTokens, Long cacheWriteTokens, JsonNode raw) {

    public static final Usage ZERO = new Usage(0, 0, 0, null, null, null, null);

    public static Usage of(long input, long output) {
        return new Usage(input, output, input + output, null, null, null, null);
    }

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                totalTokens + other.totalTokens, add(reasoningTokens, other.reasoningTokens),
                add(cacheReadTokens, other.cacheReadTokens), add(cacheWriteTokens, other.cacheWriteTokens), null);
    }

    private static Long add(Long a, Long b) {
        if (a == null && b == null) {
            return null;
        }
        return (a == null ? 0 : a) + (b == null ? 0 : b);
    }
}
