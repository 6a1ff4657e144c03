package io.nightshift.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.builtIn();

    @Test
    void looksUpModelsByIdAndAlias() {
        ModelInfo opus = catalog.getModelInfo("claude-opus-4-6").orElseThrow();
        assertThat(opus.provider()).isEqualTo("anthropic");
        assertThat(opus.displayName()).isEqualTo("Claude Opus 4.6");
        assertThat(opus.contextWindow()).isEqualTo(200000);
        assertThat(opus.supportsTools() && opus.supportsVision() && opus.supportsReasoning()).isTrue();
        assertThat(catalog.getModelInfo("sonnet").orElseThrow().id()).isEqualTo("claude-sonnet-4-5");
        assertThat(catalog.getModelInfo("no-such-model")).isEmpty();
    }

    @Test
    void listsModelsPerProviderBestFirst() {
        assertThat(catalog.listModels("openai")).extracting(ModelInfo::id)
                .containsExactly("gpt-5.2", "gpt-5.2-codex", "gpt-5.2-mini");
        assertThat(catalog.listModels(null)).hasSizeGreaterThanOrEqualTo(7);
        assertThat(catalog.latest("gemini", "reasoning").orElseThrow().id()).isEqualTo("gemini-3.1-pro-preview");
        assertThat(catalog.latest("anthropic", null).orElseThrow().id()).isEqualTo("claude-opus-4-6");
        assertThat(catalog.latest("nobody", "tools")).isEmpty();
        assertThatThrownBy(() -> catalog.latest("openai", "telepathy")).hasMessageContaining("unknown capability");
    }
}
