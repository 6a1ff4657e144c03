package io.nightshift.runtime.agent;

import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.llm.Providers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline's {@code llm_model} (also written {@code model}, in a node, the graph or a stylesheet) names, per
 * the model catalog. A catalog id stays; a catalog alias ({@code sonnet}, {@code opus}, {@code haiku},
 * {@code gpt-5}, {@code gemini-flash} ...) is its id; a {@code provider:model} or {@code provider/model} prefix, as
 * some implementations write, names the provider ({@code google} is Gemini). A name that is part of several catalog
 * ids and no alias ({@code claude}, {@code gemini}, {@code gpt}, {@code gemini-2.5}) could mean several models:
 * refused, naming them. Any other name is an id outside the catalog ({@code gpt-4o}, {@code claude-sonnet-4-6}, a
 * test double's {@code test-model}) and goes to the provider as written, as the catalog is advisory.
 */
public final class ModelNames {

    private static final Map<String, String> PROVIDER_NAMES = Map.of("anthropic", Providers.ANTHROPIC, "openai",
            Providers.OPENAI, "gemini", Providers.GEMINI, "google", Providers.GEMINI);

    private ModelNames() {
    }

    /** A name resolved: the provider it implies (null when it implies none) and the model id to send. */
    public record Resolved(String provider, String model) {
    }

    /** The model a name means; throws {@link IllegalArgumentException} (the message says what to write) when ambiguous. */
    public static Resolved resolve(String written) {
        String name = written.strip();
        String provider = null;
        int cut = prefixEnd(name);
        if (cut > 0) {
            String prefix = name.substring(0, cut).toLowerCase(java.util.Locale.ROOT);
            provider = PROVIDER_NAMES.get(prefix);
            if (provider == null) {
                throw new IllegalArgumentException("'" + written + "' names the provider '" + prefix
                        + "', which Nightshift does not speak; use a model of " + String.join(", ",
                                List.of(Providers.ANTHROPIC, Providers.OPENAI, Providers.GEMINI)) + " (write llm_model="
                        + "\"<model>\" and llm_provider=\"<provider>\")");
            }
            name = name.substring(cut + 1).strip();
        }
        ModelCatalog catalog = ModelCatalog.builtIn();
        Optional<ModelInfo> info = catalog.getModelInfo(name);
        if (info.isPresent()) {
            if (provider != null && !provider.equals(info.get().provider())) {
                throw new IllegalArgumentException("'" + written + "' puts the " + info.get().provider() + " model "
                        + info.get().id() + " under " + provider + "; write " + info.get().provider() + ":"
                        + info.get().id());
            }
            return new Resolved(info.get().provider(), info.get().id());
        }
        String stem = name.toLowerCase(java.util.Locale.ROOT);
        List<String> candidates = catalog.listModels(provider).stream().map(ModelInfo::id)
                .filter(id -> stem.isEmpty() || id.contains(stem)).toList();
        if (name.isEmpty() || candidates.size() > 1) {
            throw new IllegalArgumentException("'" + written + "' is no model id and no alias in the model catalog, so"
                    + " it could mean several models" + (candidates.isEmpty() ? "" : " (" + String.join(", ",
                            candidates) + ")") + "; write one model id, or an alias: "
                    + String.join(", ", aliases(catalog)));
        }
        return new Resolved(provider, name);
    }

    /** The model id to send for a stage's {@code llm_model}: resolved when it resolves, else as written. */
    static String modelId(String written) {
        try {
            return resolve(written).model();
        } catch (IllegalArgumentException e) {
            return written;
        }
    }

    /** The provider a stage's {@code llm_model} implies by its prefix ({@code anthropic:...}), if any. */
    static Optional<String> prefixProvider(String written) {
        int cut = prefixEnd(written.strip());
        return cut > 0 ? Optional.ofNullable(PROVIDER_NAMES.get(written.strip().substring(0, cut)
                .toLowerCase(java.util.Locale.ROOT))) : Optional.empty();
    }

    /** The provider a pipeline's {@code llm_provider} names, when Nightshift speaks it ({@code google} is Gemini). */
    public static Optional<String> provider(String written) {
        return Optional.ofNullable(PROVIDER_NAMES.get(written.strip().toLowerCase(java.util.Locale.ROOT)));
    }

    private static int prefixEnd(String name) {
        int colon = name.indexOf(':');
        int slash = name.indexOf('/');
        int cut = colon < 0 ? slash : slash < 0 ? colon : Math.min(colon, slash);
        return cut;
    }

    private static List<String> aliases(ModelCatalog catalog) {
        return catalog.listModels(null).stream().flatMap(m -> m.aliases().stream().limit(1).map(a -> a + " ("
                + m.id() + ")")).toList();
    }
}
