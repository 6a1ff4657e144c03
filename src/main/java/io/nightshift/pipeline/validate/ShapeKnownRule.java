package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code shape_known} (Nightshift): a node's shape is one of attractor-spec 2.8. An unknown shape would silently run
 * as an LLM stage, so it is an error, unless an explicit {@code type} chooses the handler.
 */
final class ShapeKnownRule implements LintRule {

    private static final TreeSet<String> SHAPES = new TreeSet<>(HandlerTypes.byShape().keySet());

    @Override
    public String name() {
        return "shape_known";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Node n : graph.nodes().values()) {
            String shape = n.shape();
            if (HandlerTypes.isKnownShape(shape) || !n.type().isEmpty()) {
                continue;
            }
            out.add(new Diagnostic(name(), Severity.ERROR, "node '" + n.id() + "' has unknown shape '" + shape + "'"
                    + Suggestions.didYouMean(shape, SHAPES), n.id(), null,
                    "use one of " + String.join(", ", SHAPES) + ", or set type to choose the handler",
                    n.attrs().attribute("shape").map(a -> Where.attribute(Where.node(graph, n), a))
                            .orElse(Where.node(graph, n))));
        }
        return out;
    }
}
