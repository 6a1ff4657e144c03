package io.nightshift.pipeline.stylesheet;

import io.nightshift.pipeline.graph.Node;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed {@code model_stylesheet}: rules in the order written. */
public record Stylesheet(List<StyleRule> rules) {

    public static final Stylesheet EMPTY = new Stylesheet(List.of());

    public Stylesheet {
        rules = List.copyOf(rules);
    }

    /** Parses stylesheet text; blank text is the empty stylesheet. */
    public static Stylesheet parse(String text) throws StylesheetSyntaxException {
        return new StylesheetParser(text).parse();
    }

    /**
     * The property values the stylesheet gives a node: for each property, the matching rule with the highest
     * specificity, the later rule among equals (attractor-spec 8.3). The node's own attributes are not consulted;
     * the caller decides that explicit attributes win.
     */
    public Map<String, String> resolve(Node node) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> winning = new HashMap<>();
        for (StyleRule rule : rules) {
            if (!rule.selector().matches(node)) {
                continue;
            }
            int specificity = rule.selector().specificity();
            for (StyleRule.Declaration d : rule.declarations()) {
                Integer current = winning.get(d.property());
                if (current == null || specificity >= current) {
                    winning.put(d.property(), specificity);
                    values.put(d.property(), d.value());
                }
            }
        }
        return values;
    }
}
