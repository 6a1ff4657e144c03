package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.condition.Condition;
import io.nightshift.pipeline.condition.ConditionSyntaxException;
import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import java.util.ArrayList;
import java.util.List;

/** {@code condition_syntax} (attractor-spec 7.2, section 10): every edge condition parses. */
final class ConditionSyntaxRule implements LintRule {

    @Override
    public String name() {
        return "condition_syntax";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (Edge e : graph.edges()) {
            Attribute attr = e.attrs().attribute("condition").orElse(null);
            if (attr == null || attr.value().isBlank()) {
                continue;
            }
            try {
                Condition.parse(attr.value());
            } catch (ConditionSyntaxException ex) {
                out.add(new Diagnostic(name(), Severity.ERROR, "condition \"" + attr.value() + "\" on edge " + e
                        + " is invalid at column " + ex.column() + " of the condition: " + ex.getMessage(), null,
                        Diagnostic.EdgeRef.of(e),
                        "write clauses like outcome=success, context.key!=value, joined with &&",
                        Where.attribute(Where.edge(graph, e), attr)));
            }
        }
        return out;
    }
}
