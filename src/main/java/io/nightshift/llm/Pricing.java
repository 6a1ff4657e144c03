package io.nightshift.llm;

/**
 * A model's published prices in USD per million tokens. {@code cachedInput} is the price of an input token read
 * from the provider's prompt cache, {@code cacheWrite} of one written to it (Anthropic only); null when the
 * provider has no such price, in which case those tokens cost the plain input price.
 */
public record Pricing(double input, double output, Double cachedInput, Double cacheWrite) {

    public Pricing {
        if (input < 0 || output < 0 || (cachedInput != null && cachedInput < 0)
                || (cacheWrite != null && cacheWrite < 0)) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    /** What {@code tokens} cost at these prices, in USD. */
    public double costOf(BilledTokens tokens) {
        double micro = tokens.uncachedInput() * input + tokens.output() * output
                + tokens.cachedInput() * (cachedInput == null ? input : cachedInput)
                + tokens.cacheWrite() * (cacheWrite == null ? input : cacheWrite);
        return micro / 1_000_000.0;
    }
}
