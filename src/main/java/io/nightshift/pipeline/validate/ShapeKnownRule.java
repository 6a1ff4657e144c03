package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code shape_known} (Nightshift): a node's shape is one of attractor-spec 2.8. Any other Graphviz shape falls back
 * to the codergen handler (attractor-spec 4.2), so the pipeline runs, with a WARNING saying the stage will be an
 * LLM stage; an explicit {@code type} chooses the handler and silences it.
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
            out.add(new Diagnostic(name(), Severity.WARNING, "node '" + n.id() + "' has shape '" + shape + "',"
                    + " which chooses no handler (attractor-spec 2.8): it runs as an LLM stage (codergen)"
                    + Suggestions.didYouMean(shape, SHAPES), n.id(), null, fix(shape),
                    n.attrs().attribute("shape").map(a -> Where.attribute(Where.node(graph, n), a))
                            .orElse(Where.node(graph, n))));
        }
        return out;
    }

    private static String fix(String shape) {
        return switch (shape) {
            // StrongDM's pipelines draw start and exit as circle and doublecircle and say so with a type.
            case "circle" -> "if this is the start node, add type=start (or use shape=Mdiamond)";
            case "doublecircle" -> "if this is the exit node, add type=exit (or use shape=Msquare)";
            default -> "to choose another handler use one of " + String.join(", ", SHAPES)
                    + " or set type; to keep the LLM stage, use shape=box or set type=codergen";
        };
    }
}
