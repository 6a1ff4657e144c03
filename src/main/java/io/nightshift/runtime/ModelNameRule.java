package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.LintRule;
import io.nightshift.pipeline.validate.Severity;
import io.nightshift.runtime.agent.ModelNames;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code model_name} (ERROR): every stage's {@code llm_model}, after the stylesheet and the dialect names
 * ({@code model=}, stylesheet {@code model:}), names one model ({@link ModelNames}), and agrees with the stage's
 * {@code llm_provider}. Checked by {@code nightshift validate} and before a run, so a short name that could mean
 * several models never reaches a provider.
 */
final class ModelNameRule implements LintRule {

    @Override
    public String name() {
        return "model_name";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node node : graph.nodes().values()) {
            var model = node.attrs().attribute("llm_model");
            if (model.isEmpty() || model.get().value().isBlank()) {
                continue;
            }
            String written = node.attrs().string("llm_provider", "").strip();
            if (!written.isEmpty() && ModelNames.provider(written).isEmpty()) {
                continue; // an OpenAI-compatible server or a router (openrouter) names its own models, often org/model
            }
            Attribute a = model.get();
            SourceLocation where = a.location() != null && a.location().known() ? a.location() : node.location();
            try {
                ModelNames.Resolved r = ModelNames.resolve(a.value());
                String provider = written;
                if (r.provider() != null && !provider.isEmpty() && !ModelNames.provider(provider).orElseThrow()
                        .equals(r.provider())) {
                    out.add(new Diagnostic(name(), Severity.ERROR, "node '" + node.id() + "' has llm_model=\""
                            + a.value() + "\", which is " + r.provider() + "'s " + r.model() + ", but llm_provider=\"" + provider
                            + "\"", node.id(), null, "set llm_provider=\"" + r.provider() + "\" or pick one of "
                                    + provider + "'s models", where));
                }
            } catch (IllegalArgumentException e) {
                out.add(new Diagnostic(name(), Severity.ERROR, "node '" + node.id() + "' llm_model " + e.getMessage(),
                        node.id(), null, "see `nightshift models` for the catalog's ids and aliases", where));
            }
        }
        return out;
    }
}
