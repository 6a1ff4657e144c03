package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.stylesheet.Stylesheet;
import io.nightshift.pipeline.stylesheet.StylesheetSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the graph's {@code model_stylesheet} (attractor-spec 8.5): each node gets the stylesheet's value for a
 * property unless it wrote that attribute itself (a {@code node [...]} default gives way), then the graph's
 * {@code llm_model}, {@code llm_provider} and {@code reasoning_effort} where nothing else set them. The values carry the location of the model_stylesheet
 * attribute. A stylesheet that does not parse changes nothing; the {@code stylesheet_syntax} rule reports it.
 */
final class StylesheetTransform implements Transform {

    /** The model properties a graph attribute sets for every node that does not get them otherwise. */
    private static final List<String> GRAPH_DEFAULTED = List.of("llm_model", "llm_provider", "reasoning_effort");

    @Override
    public Graph apply(Graph graph) {
        Attribute source = graph.attrs().attribute("model_stylesheet").orElse(null);
        Stylesheet stylesheet = null;
        if (source != null && !source.value().isBlank()) {
            try {
                stylesheet = Stylesheet.parse(source.value());
            } catch (StylesheetSyntaxException e) {
                stylesheet = null;
            }
        }
        Map<String, Attribute> graphDefaults = new java.util.LinkedHashMap<>();
        for (String key : GRAPH_DEFAULTED) {
            graph.attrs().attribute(key).filter(a -> !a.value().isBlank()).ifPresent(a -> graphDefaults.put(key, a));
        }
        if ((stylesheet == null || stylesheet.rules().isEmpty()) && graphDefaults.isEmpty()) {
            return graph;
        }
        Stylesheet rules = stylesheet;
        SourceLocation where = source == null ? SourceLocation.UNKNOWN : source.location();
        return graph.mapNodes(node -> styled(node, rules, where, graphDefaults));
    }

    /**
     * attractor-spec 8.5: an attribute written on the node > the stylesheet (most specific rule) > a
     * {@code node [...]} default in scope > the graph's {@code llm_model}, {@code llm_provider},
     * {@code reasoning_effort}.
     */
    private static Node styled(Node node, Stylesheet stylesheet, SourceLocation where,
            Map<String, Attribute> graphDefaults) {
        Map<String, String> values = stylesheet == null ? Map.of() : stylesheet.resolve(node);
        List<Attribute> added = new ArrayList<>();
        values.forEach((property, value) -> {
            if (!writtenOnNode(node, property)) {
                added.add(new Attribute(property, value, true, where));
            }
        });
        graphDefaults.forEach((property, attr) -> {
            if (!node.attrs().has(property) && !values.containsKey(property)) {
                added.add(new Attribute(property, attr.value(), attr.quoted(), attr.location(), true));
            }
        });
        if (added.isEmpty()) {
            return node;
        }
        return new Node(node.id(), node.attrs().overriddenBy(Attributes.of(added)), node.subgraphClasses(),
                node.location(), node.declared());
    }

    private static boolean writtenOnNode(Node node, String property) {
        return node.attrs().attribute(property).map(a -> !a.inherited()).orElse(false);
    }
}
