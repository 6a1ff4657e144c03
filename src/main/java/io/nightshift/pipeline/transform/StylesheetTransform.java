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
 * property only when it has no attribute of that name. The values carry the location of the model_stylesheet
 * attribute. A stylesheet that does not parse changes nothing; the {@code stylesheet_syntax} rule reports it.
 */
final class StylesheetTransform implements Transform {

    @Override
    public Graph apply(Graph graph) {
        Attribute source = graph.attrs().attribute("model_stylesheet").orElse(null);
        if (source == null || source.value().isBlank()) {
            return graph;
        }
        Stylesheet stylesheet;
        try {
            stylesheet = Stylesheet.parse(source.value());
        } catch (StylesheetSyntaxException e) {
            return graph;
        }
        if (stylesheet.rules().isEmpty()) {
            return graph;
        }
        SourceLocation where = source.location();
        return graph.mapNodes(node -> styled(node, stylesheet, where));
    }

    private static Node styled(Node node, Stylesheet stylesheet, SourceLocation where) {
        Map<String, String> values = stylesheet.resolve(node);
        List<Attribute> added = new ArrayList<>();
        values.forEach((property, value) -> {
            if (!node.attrs().has(property)) {
                added.add(new Attribute(property, value, true, where));
            }
        });
        if (added.isEmpty()) {
            return node;
        }
        return new Node(node.id(), node.attrs().overriddenBy(Attributes.of(added)), node.subgraphClasses(),
                node.location(), node.declared());
    }
}
