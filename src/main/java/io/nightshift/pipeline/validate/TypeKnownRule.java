package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code type_known} (attractor-spec 7.2, WARNING): an explicit {@code type} names a registered handler. An unknown
 * type falls back to the handler of the node's shape (attractor-spec 4.2), and the warning says which one runs.
 */
final class TypeKnownRule implements LintRule {

    private final Set<String> knownTypes;

    TypeKnownRule(Set<String> knownTypes) {
        this.knownTypes = new TreeSet<>(knownTypes);
    }

    @Override
    public String name() {
        return "type_known";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            String type = n.type();
            if (type.isEmpty() || knownTypes.contains(type)) {
                continue;
            }
            String fallback = HandlerTypes.forShape(n.shape());
            out.add(new Diagnostic(name(), Severity.WARNING, "node '" + n.id() + "' has unknown type '" + type
                    + "': it runs with the handler of its shape '" + n.shape() + "' (" + fallback + ")"
                    + Suggestions.didYouMean(type, knownTypes), n.id(), null,
                    "use one of " + String.join(", ", knownTypes) + ", or remove type to let the shape decide",
                    n.attrs().attribute("type").map(a -> Where.attribute(Where.node(graph, n), a))
                            .orElse(Where.node(graph, n))));
        }
        return out;
    }
}
