package io.nightshift.llm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The advisory catalog of known models (unified-llm-spec 2.9), loaded from the data file
 * {@code io/nightshift/llm/models.json} so it can be updated without code changes. Within a provider, entries
 * are listed best-first; {@link #latest} returns the first match. Unknown model ids still pass through the
 * client: the catalog never blocks a request.
 *
 * <p>Prices (USD per million tokens; input, output, cached input, 5-minute cache write) are the providers'
 * published list prices for standard requests up to 200k prompt tokens, as of 2026-12: Anthropic from
 * platform.claude.com/docs/en/about-claude/pricing, OpenAI from openai.com/api/pricing, Google from
 * ai.google.dev/gemini-api/docs/pricing. A model whose price could not be confirmed (gpt-5.2-mini,
 * gemini-3.1-pro-preview) has none: an unknown price is reported as unknown, never as zero. Operators override
 * or add prices with {@code NIGHTSHIFT_PRICES} (see the README).
 */
public final class ModelCatalog {

    private static final ModelCatalog BUILT_IN = load();

    private final List<ModelInfo> models;

    public ModelCatalog(List<ModelInfo> models) {
        this.models = List.copyOf(models);
    }

    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    private static ModelCatalog load() {
        JsonMapper mapper = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        try (InputStream in = ModelCatalog.class.getResourceAsStream("models.json")) {
            if (in == null) {
                throw new ConfigurationException("the model catalog io/nightshift/llm/models.json is missing from the classpath");
            }
            // The element type from the type factory rather than an anonymous TypeReference subclass, whose generic
            // superclass a native image keeps only for classes registered for reflection.
            return new ModelCatalog(mapper.readValue(in,
                    mapper.getTypeFactory().constructCollectionType(List.class, ModelInfo.class)));
        } catch (IOException e) {
            throw new ConfigurationException("the model catalog models.json is unreadable: " + e.getMessage(), e);
        }
    }

    /** The entry whose id or alias is {@code idOrAlias}. */
    public Optional<ModelInfo> getModelInfo(String idOrAlias) {
        return models.stream().filter(m -> m.id().equals(idOrAlias)).findFirst()
                .or(() -> models.stream().filter(m -> m.aliases().contains(idOrAlias)).findFirst());
    }

    /** All models, or those of one provider when {@code provider} is not null. */
    public List<ModelInfo> listModels(String provider) {
        return models.stream().filter(m -> provider == null || m.provider().equals(provider)).toList();
    }

    /** The best model of {@code provider} having {@code capability} ("tools", "vision", "reasoning"; null for any). */
    public Optional<ModelInfo> latest(String provider, String capability) {
        return listModels(provider).stream().filter(m -> capability == null || m.supports(capability)).findFirst();
    }

    /** A one-line list of known ids, for error messages. */
    public String knownIds() {
        return String.join(", ", models.stream().map(ModelInfo::id).toList());
    }
}
