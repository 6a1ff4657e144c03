package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.stylesheet.Stylesheet;
import io.nightshift.pipeline.stylesheet.StylesheetSyntaxException;
import java.util.List;

/** {@code stylesheet_syntax} (attractor-spec 7.2, section 8): the graph's model_stylesheet parses. */
final class StylesheetSyntaxRule implements LintRule {

    @Override
    public String name() {
        return "stylesheet_syntax";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        Attribute attr = graph.attrs().attribute("model_stylesheet").orElse(null);
        if (attr == null) {
            return List.of();
        }
        try {
            Stylesheet.parse(attr.value());
            return List.of();
        } catch (StylesheetSyntaxException e) {
            return List.of(new Diagnostic(name(), Severity.ERROR, "model_stylesheet does not parse: " + e.getMessage(),
                    null, null, "write rules like '* { llm_model: claude-sonnet-4-5; }' with selectors *, a shape,"
                    + " .class or #node_id", Where.attribute(Where.graph(graph), attr)));
        }
    }
}
