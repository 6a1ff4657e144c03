package io.nightshift.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PricingTest {

    @Test
    void catalogCarriesThePublishedPricesAndSaysWhenItKnowsNone() {
        Pricing sonnet = ModelCatalog.builtIn().getModelInfo("claude-sonnet-4-5").orElseThrow().pricing().orElseThrow();
        assertThat(sonnet.costOf(new BilledTokens(1_000_000, 0, 0, 1_000_000, 0))).isCloseTo(18.0, within(1e-9));
        assertThat(ModelCatalog.builtIn().getModelInfo("gpt-5.2-mini").orElseThrow().pricing()).isEmpty();
    }

    @Test
    void anthropicCacheReadsAndWritesAreBilledBesideInput() {
        Usage usage = new Usage(100, 50, 150, null, 1000L, 200L, null);
        BilledTokens billed = BilledTokens.of("anthropic", usage);
        assertThat(billed).isEqualTo(new BilledTokens(100, 1000, 200, 50, 0));
        assertThat(billed.total()).isEqualTo(1350);
        Pricing sonnet = new Pricing(3, 15, 0.3, 3.75);
        assertThat(sonnet.costOf(billed)).isCloseTo((100 * 3 + 50 * 15 + 1000 * 0.3 + 200 * 3.75) / 1e6, within(1e-12));
    }

    @Test
    void openAiAndGeminiCachedTokensArePartOfInputAndGeminiThinkingIsOutput() {
        assertThat(BilledTokens.of("openai", new Usage(1000, 50, 1050, 20L, 800L, null, null)))
                .isEqualTo(new BilledTokens(200, 800, 0, 50, 20));
        BilledTokens gemini = BilledTokens.of("gemini", new Usage(1000, 50, 1080, 30L, 800L, null, null));
        assertThat(gemini).isEqualTo(new BilledTokens(200, 800, 0, 80, 30));
        assertThat(gemini.total()).isEqualTo(1080);
    }
}
