package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** {@code retry_target_exists} (attractor-spec 7.2): retry targets on nodes and on the graph name real nodes. */
final class RetryTargetExistsRule implements LintRule {

    private static final List<String> KEYS = List.of("retry_target", "fallback_retry_target");

    @Override
    public String name() {
        return "retry_target_exists";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        check(graph, graph.attrs(), "the graph", null, Where.graph(graph), out);
        for (Node n : graph.nodes().values()) {
            check(graph, n.attrs(), "node '" + n.id() + "'", n.id(), Where.node(graph, n), out);
        }
        return out;
    }

    private void check(Graph graph, Attributes attrs, String owner, String nodeId, SourceLocation where,
            List<Diagnostic> out) {
        for (String key : KEYS) {
            Attribute attr = attrs.attribute(key).orElse(null);
            if (attr == null || attr.value().isEmpty() || graph.nodes().containsKey(attr.value())) {
                continue;
            }
            out.add(new Diagnostic(name(), Severity.WARNING, owner + " has " + key + " '" + attr.value()
                    + "', which is not a node" + Suggestions.didYouMean(attr.value(), graph.nodes().keySet()),
                    nodeId, null, "set " + key + " to the id of an existing node", Where.attribute(where, attr)));
        }
    }
}
