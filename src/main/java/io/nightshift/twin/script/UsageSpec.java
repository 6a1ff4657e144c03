package io.nightshift.twin.script;

/**
 * Token counts to report. Absent fields are estimated: input from the request body size, output from the
 * answer's characters (about four per token), cache counts 0, reasoning from the thinking text.
 */
public record UsageSpec(Integer inputTokens, Integer outputTokens, Integer cacheReadTokens,
        Integer cacheWriteTokens, Integer reasoningTokens) {

    public UsageSpec {
        for (Integer n : new Integer[] {inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens,
                reasoningTokens}) {
            if (n != null && n < 0) {
                throw new IllegalArgumentException("token counts must not be negative");
            }
        }
    }
}
