package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code prompt_on_llm_nodes} (attractor-spec 7.2, DoD 11.2): codergen stages have a prompt. Without one the label
 * (or the id) becomes the prompt, which is rarely what was meant.
 */
final class PromptOnLlmNodesRule implements LintRule {

    private final Set<String> knownTypes;

    PromptOnLlmNodesRule(Set<String> knownTypes) {
        this.knownTypes = knownTypes;
    }

    @Override
    public String name() {
        return "prompt_on_llm_nodes";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            if (!PipelineSynopsis.effectiveType(n, knownTypes).equals(HandlerTypes.CODERGEN) || !n.prompt().isBlank()) {
                continue;
            }
            String fallback = n.attrs().has("label") ? "its label \"" + n.label() + "\"" : "its id";
            out.add(new Diagnostic(name(), Severity.WARNING, "LLM stage '" + n.id() + "' has no prompt: "
                    + fallback + " will be sent as the prompt", n.id(), null,
                    "add prompt=\"...\" to '" + n.id() + "'", Where.node(graph, n)));
        }
        return out;
    }
}
