package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** {@code fidelity_valid} (attractor-spec 7.2, 5.4): fidelity modes on the graph, nodes and edges are known. */
final class FidelityValidRule implements LintRule {

    static final List<String> MODES = List.of("full", "truncate", "compact", "summary:low", "summary:medium",
            "summary:high");

    @Override
    public String name() {
        return "fidelity_valid";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        check(graph.attrs(), "default_fidelity", "the graph", null, null, Where.graph(graph), out);
        for (Node n : graph.nodes().values()) {
            check(n.attrs(), "fidelity", "node '" + n.id() + "'", n.id(), null, Where.node(graph, n), out);
        }
        for (Edge e : graph.edges()) {
            check(e.attrs(), "fidelity", "edge " + e, null, Diagnostic.EdgeRef.of(e), Where.edge(graph, e), out);
        }
        return out;
    }

    private void check(Attributes attrs, String key, String owner, String nodeId, Diagnostic.EdgeRef edge,
            SourceLocation where, List<Diagnostic> out) {
        Attribute attr = attrs.attribute(key).orElse(null);
        if (attr == null || attr.value().isEmpty() || MODES.contains(attr.value())) {
            return;
        }
        out.add(new Diagnostic(name(), Severity.WARNING, owner + " has unknown " + key + " '" + attr.value() + "'"
                + Suggestions.didYouMean(attr.value(), MODES), nodeId, edge,
                "use one of " + String.join(", ", MODES), Where.attribute(where, attr)));
    }
}
