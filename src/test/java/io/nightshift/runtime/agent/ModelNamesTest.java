package io.nightshift.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a pipeline's model names mean, per the model catalog (issue 15: model aliases of published pipelines). */
class ModelNamesTest {

    @Test
    void aCatalogAliasIsItsModelAndItsProvider() {
        assertThat(ModelNames.resolve("sonnet")).isEqualTo(new ModelNames.Resolved("anthropic", "claude-sonnet-4-5"));
        assertThat(ModelNames.resolve(" opus ")).isEqualTo(new ModelNames.Resolved("anthropic", "claude-opus-4-6"));
        assertThat(ModelNames.resolve("gemini-flash").model()).isEqualTo("gemini-3-flash-preview");
        assertThat(ModelNames.modelId("haiku")).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void aProviderPrefixNamesTheProviderWithColonOrSlashAndGoogleIsGemini() {
        assertThat(ModelNames.resolve("anthropic:claude-sonnet-4-5"))
                .isEqualTo(new ModelNames.Resolved("anthropic", "claude-sonnet-4-5"));
        assertThat(ModelNames.resolve("openai/gpt-5.3-codex")).isEqualTo(new ModelNames.Resolved("openai",
                "gpt-5.3-codex"));
        assertThat(ModelNames.resolve("google/gemini-flash"))
                .isEqualTo(new ModelNames.Resolved("gemini", "gemini-3-flash-preview"));
        assertThat(ModelNames.prefixProvider("openai:gpt-4o")).contains("openai");
        assertThat(ModelNames.prefixProvider("gpt-4o")).isEmpty();
        assertThat(ModelNames.provider("Google")).contains("gemini");
        assertThat(ModelNames.provider("openrouter")).isEmpty();
    }

    @Test
    void aConcreteIdOutsideTheCatalogGoesAsWritten() {
        assertThat(ModelNames.resolve("gpt-4o")).isEqualTo(new ModelNames.Resolved(null, "gpt-4o"));
        assertThat(ModelNames.modelId("claude-sonnet-4-6")).isEqualTo("claude-sonnet-4-6");
        // placeholders of other implementations' test suites are names outside the catalog too
        assertThat(ModelNames.resolve("test-model")).isEqualTo(new ModelNames.Resolved(null, "test-model"));
    }

    @Test
    void aNameThatCouldMeanSeveralModelsIsRefusedNamingThem() {
        assertThatThrownBy(() -> ModelNames.resolve("gpt")).hasMessageContaining("(gpt-5.2, gpt-5.2-codex, gpt-5.2-mini)");
        assertThatThrownBy(() -> ModelNames.resolve("gemini")).hasMessageContaining("could mean several models")
                .hasMessageContaining("gemini-3.1-pro-preview").hasMessageContaining("gemini-3-flash-preview");
        assertThatThrownBy(() -> ModelNames.resolve("moonshotai/kimi-k2.5"))
                .hasMessageContaining("names the provider 'moonshotai', which Nightshift does not speak");
        assertThatThrownBy(() -> ModelNames.resolve("openai:sonnet"))
                .hasMessageContaining("write anthropic:claude-sonnet-4-5");
        // an unknown name still goes to the provider as written when the backend meets it
        assertThat(ModelNames.modelId("gemini")).isEqualTo("gemini");
    }
}
