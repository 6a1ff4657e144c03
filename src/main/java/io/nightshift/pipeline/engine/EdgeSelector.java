package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.condition.Condition;
import io.nightshift.pipeline.condition.ConditionSyntaxException;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.handler.Accelerators;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.OutcomeScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Edge selection (attractor-spec 3.3): matching conditions, then preferred label, then suggested next ids, then
 * highest weight, then the lexically first target. Parsed conditions are cached; thread-safe.
 */
final class EdgeSelector {

    /** The chosen edge and the rule that chose it ({@code condition}, {@code preferred_label}, ...). */
    record Selection(Edge edge, String reason) {
    }

    private static final Comparator<Edge> BEST = Comparator.comparingInt(Edge::weight).reversed()
            .thenComparing(Edge::to);

    private final Map<String, Condition> conditions = new ConcurrentHashMap<>();

    /**
     * @param unconditional whether unconditional edges may be chosen (false for failed stages, which only follow
     *        a matching condition, and for parallel nodes, whose unconditional edges are their branches)
     */
    Selection select(List<Edge> edges, Outcome outcome, Context context, boolean unconditional) {
        if (edges.isEmpty()) {
            return null;
        }
        OutcomeScope scope = new OutcomeScope(outcome, context);
        List<Edge> matched = new ArrayList<>();
        for (Edge e : edges) {
            if (e.hasCondition() && condition(e).evaluate(scope)) {
                matched.add(e);
            }
        }
        if (!matched.isEmpty()) {
            return new Selection(matched.stream().min(BEST).orElseThrow(), "condition");
        }
        if (!unconditional) {
            return null;
        }
        if (!outcome.preferredLabel().isEmpty()) {
            String wanted = Accelerators.normalize(outcome.preferredLabel());
            for (Edge e : edges) {
                if (!e.hasCondition() && Accelerators.normalize(e.label()).equals(wanted)) {
                    return new Selection(e, "preferred_label");
                }
            }
        }
        for (String id : outcome.suggestedNextIds()) {
            for (Edge e : edges) {
                if (!e.hasCondition() && e.to().equals(id)) {
                    return new Selection(e, "suggested_next_id");
                }
            }
        }
        List<Edge> plain = edges.stream().filter(e -> !e.hasCondition()).sorted(BEST).toList();
        if (plain.isEmpty()) {
            return null;
        }
        if (plain.size() == 1) {
            return new Selection(plain.get(0), "unconditional");
        }
        boolean tie = plain.get(1).weight() == plain.get(0).weight();
        return new Selection(plain.get(0), tie ? "lexical" : "weight");
    }

    private Condition condition(Edge e) {
        return conditions.computeIfAbsent(e.condition(), text -> {
            try {
                return Condition.parse(text);
            } catch (ConditionSyntaxException ex) {
                throw new PipelineException("edge " + e + " (" + e.location() + ") has an invalid condition '" + text
                        + "' at column " + ex.column() + ": " + ex.getMessage());
            }
        });
    }
}
