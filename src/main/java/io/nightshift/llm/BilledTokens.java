package io.nightshift.llm;

/**
 * The tokens a provider bills for one call, in the same terms for every provider. Providers report
 * {@link Usage} differently: Anthropic's {@code input_tokens} leave out cache reads and writes, while OpenAI's
 * and Gemini's input counts include their cached part; Gemini reports thinking apart from output, OpenAI and
 * Anthropic count it inside output. {@link #of} undoes those differences so that {@link #total} counts every
 * billed token once.
 *
 * @param uncachedInput input tokens at the full input price
 * @param cachedInput input tokens read from the prompt cache
 * @param cacheWrite input tokens written to the prompt cache (Anthropic)
 * @param output output tokens, reasoning included
 * @param reasoning the reasoning part of {@code output}, as reported (0 when not reported)
 */
public record BilledTokens(long uncachedInput, long cachedInput, long cacheWrite, long output, long reasoning) {

    public static final BilledTokens ZERO = new BilledTokens(0, 0, 0, 0, 0);

    /** Normalizes the usage {@code provider} reported ({@code anthropic}, {@code gemini}, else OpenAI's way). */
    public static BilledTokens of(String provider, Usage usage) {
        if (usage == null) {
            return ZERO;
        }
        long cacheRead = n(usage.cacheReadTokens());
        long reasoning = n(usage.reasoningTokens());
        return switch (provider == null ? "" : provider) {
            case "anthropic" -> new BilledTokens(usage.inputTokens(), cacheRead, n(usage.cacheWriteTokens()),
                    usage.outputTokens(), reasoning);
            case "gemini" -> new BilledTokens(Math.max(0, usage.inputTokens() - cacheRead), cacheRead, 0,
                    usage.outputTokens() + reasoning, reasoning);
            default -> new BilledTokens(Math.max(0, usage.inputTokens() - cacheRead), cacheRead, 0,
                    usage.outputTokens(), reasoning);
        };
    }

    /** Every billed token: input (plain, cached and cache writes) plus output. */
    public long total() {
        return uncachedInput + cachedInput + cacheWrite + output;
    }

    /** All input tokens, cached ones included. */
    public long input() {
        return uncachedInput + cachedInput + cacheWrite;
    }

    private static long n(Long value) {
        return value == null ? 0 : value;
    }
}
