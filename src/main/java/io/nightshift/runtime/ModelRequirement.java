package io.nightshift.runtime;

import io.nightshift.llm.Client;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.llm.Providers;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a run can reach a model: which stages need one (codergen nodes), which providers the environment
 * configures, and the sentence that tells the user what to set when none is. Simulation is never the silent
 * fallback: the CLI and the service refuse a run that needs a model and has none unless simulation was asked for.
 */
public final class ModelRequirement {

    /** The variables any of which configures a provider (llm {@code Client.fromEnv}). */
    public static final String KEY_VARIABLES = "ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY)"
            + " or OPENAI_COMPATIBLE_BASE_URL";

    private ModelRequirement() {
    }

    /** The ids of the stages that call a model, in graph order. */
    public static List<String> llmStages(Graph graph) {
        return graph.nodes().values().stream().filter(n -> HandlerTypes.CODERGEN.equals(n.handlerType()))
                .map(Node::id).toList();
    }

    /** The providers {@code environment} configures, in the client's order (the first is the default). */
    public static List<String> configuredProviders(Map<String, String> environment) {
        try (Client client = Client.fromEnv(environment)) {
            return client.providerNames();
        }
    }

    /**
     * Why {@code graph} cannot run for real with {@code environment}, or empty when it can: it has LLM stages and
     * no provider is configured.
     */
    public static Optional<String> unmet(Graph graph, Map<String, String> environment) {
        return unmet(graph, environment, ModelChoice.DEFAULT);
    }

    /** As {@link #unmet(Graph, Map)}, and the provider {@code choice} names (if any) must be configured. */
    public static Optional<String> unmet(Graph graph, Map<String, String> environment, ModelChoice choice) {
        List<String> stages = llmStages(graph);
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        List<String> configured = configuredProviders(environment);
        String named = stages.size() <= 5 ? String.join(", ", stages)
                : String.join(", ", stages.subList(0, 5)) + ", ...";
        String what = "the pipeline has " + stages.size() + " LLM stage" + (stages.size() == 1 ? "" : "s")
                + " (" + named + ")";
        if (configured.isEmpty()) {
            return Optional.of(what + " and no LLM provider is configured: set " + KEY_VARIABLES);
        }
        if (choice.provider() != null && !configured.contains(choice.provider())) {
            return Optional.of(what + " and provider " + choice.provider() + " is not configured: set "
                    + Providers.keyVariable(choice.provider()) + " (configured: " + String.join(", ", configured) + ")");
        }
        return Optional.empty();
    }

    /**
     * The provider and model a run asked for, checked: a model alone picks its provider from the catalog; a
     * provider must be one Nightshift speaks. Both may be null (the pipeline's or the default model).
     *
     * @throws UnusableInputException naming the known models or providers
     */
    public static ModelChoice choose(String provider, String model) {
        String p = provider == null || provider.isBlank() ? null : provider.strip();
        String m = model == null || model.isBlank() ? null : model.strip();
        List<String> known = Providers.BUILT_IN;
        if (p != null && !known.contains(p)) {
            throw new UnusableInputException("unknown provider '" + p + "'; use one of " + String.join(", ", known));
        }
        ModelCatalog catalog = ModelCatalog.builtIn();
        Optional<ModelInfo> info = m == null ? Optional.empty() : catalog.getModelInfo(m);
        if (m != null && p == null) {
            if (info.isEmpty()) {
                throw new UnusableInputException("unknown model '" + m + "'; known models: " + catalog.knownIds()
                        + " (name the provider as well to use a model outside the catalog)");
            }
            p = info.get().provider();
        }
        return new ModelChoice(p, info.map(ModelInfo::id).orElse(m));
    }

    /** A run's provider and model; either may be null for the pipeline's or the default. */
    public record ModelChoice(String provider, String model) {
        public static final ModelChoice DEFAULT = new ModelChoice(null, null);
    }
}
