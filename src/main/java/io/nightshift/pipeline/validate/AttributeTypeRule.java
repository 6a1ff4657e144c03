package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Attribute;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Durations;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.graph.SourceLocation;
import io.nightshift.pipeline.stylesheet.StyleProperties;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attribute_type} (Nightshift): typed attributes (attractor-spec 2.4 to 2.7, Appendix A, 4.8, 4.11) hold a
 * value of their type. Typed reads in the graph model treat a bad value as absent, so without this rule
 * {@code max_retries=three} would silently mean "inherit".
 */
final class AttributeTypeRule implements LintRule {

    enum Kind {
        COUNT,
        POSITIVE,
        INTEGER,
        BOOLEAN,
        DURATION,
        AMOUNT,
        ONE_OF
    }

    record Check(String key, Kind kind, List<String> values) {
        static Check of(String key, Kind kind) {
            return new Check(key, kind, List.of());
        }
    }

    /** The join policies of attractor-spec 4.8. */
    static final List<String> JOIN_POLICIES = List.of("wait_all", "first_success");

    private static final List<Check> GRAPH = List.of(
            Check.of("default_max_retries", Kind.COUNT),
            Check.of("default_max_retry", Kind.COUNT),
            Check.of("default_max_visits", Kind.COUNT),
            Check.of("max_tokens", Kind.COUNT),
            Check.of("max_cost_usd", Kind.AMOUNT),
            Check.of("max_time", Kind.DURATION),
            Check.of("stall_timeout", Kind.DURATION));

    private static final List<Check> NODE = List.of(
            Check.of("max_retries", Kind.COUNT),
            Check.of("max_visits", Kind.COUNT),
            Check.of("max_tokens", Kind.COUNT),
            Check.of("max_cost_usd", Kind.AMOUNT),
            Check.of("goal_gate", Kind.BOOLEAN),
            Check.of("auto_status", Kind.BOOLEAN),
            Check.of("allow_partial", Kind.BOOLEAN),
            Check.of("timeout", Kind.DURATION),
            new Check("reasoning_effort", Kind.ONE_OF, StyleProperties.REASONING_EFFORTS),
            Check.of("max_parallel", Kind.POSITIVE),
            new Check("join_policy", Kind.ONE_OF, JOIN_POLICIES),
            Check.of("manager.poll_interval", Kind.DURATION),
            Check.of("manager.max_cycles", Kind.POSITIVE),
            Check.of("stack.child_autostart", Kind.BOOLEAN));

    private static final List<Check> EDGE = List.of(
            Check.of("weight", Kind.INTEGER),
            Check.of("loop_restart", Kind.BOOLEAN));

    @Override
    public String name() {
        return "attribute_type";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        check(graph.attrs(), GRAPH, null, null, Where.graph(graph), out);
        for (Node n : graph.nodes().values()) {
            check(n.attrs(), NODE, n.id(), null, Where.node(graph, n), out);
        }
        for (Edge e : graph.edges()) {
            if (e.attrs().size() > 0) {
                check(e.attrs(), EDGE, null, Diagnostic.EdgeRef.of(e), Where.edge(graph, e), out);
            }
        }
        return out;
    }

    private void check(Attributes attrs, List<Check> checks, String nodeId, Diagnostic.EdgeRef edge,
            SourceLocation where, List<Diagnostic> out) {
        if (attrs.size() == 0) {
            return;
        }
        for (Check check : checks) {
            Attribute attr = attrs.attribute(check.key()).orElse(null);
            if (attr == null) {
                continue;
            }
            String problem = problem(check, attr.value().trim());
            if (problem != null && check.key().equals("goal_gate")) {
                // Some implementations accept a condition or a sentence here; the spec's gate is a flag.
                problem += ": goal_gate is a flag on the stage that must succeed (attractor-spec 3.4), not a"
                        + " condition or a description";
            }
            if (problem != null) {
                out.add(new Diagnostic(name(), Severity.ERROR, Owners.describe(nodeId, edge) + " has " + check.key() + "=\"" + attr.value()
                        + "\", " + problem, nodeId, edge, fix(check), Where.attribute(where, attr)));
            }
        }
    }

    /** Why the value does not fit, or null when it does. */
    private static String problem(Check check, String value) {
        return switch (check.kind()) {
            case COUNT -> integer(value) == null || integer(value) < 0 ? "which is not a whole number >= 0" : null;
            case POSITIVE -> integer(value) == null || integer(value) < 1 ? "which is not a whole number >= 1" : null;
            case INTEGER -> integer(value) == null && !wholeDecimal(value) ? "which is not a whole number" : null;
            case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                    : "which is not true or false";
            case DURATION -> Durations.parse(value).isPresent() ? null
                    : "which is not a duration (a whole number with ms, s, m, h or d)";
            case AMOUNT -> amount(value) ? null : "which is not an amount >= 0 (e.g. 5 or 0.25)";
            case ONE_OF -> check.values().contains(value) ? null
                    : "which is not one of " + String.join(", ", check.values())
                            + Suggestions.didYouMean(value, check.values());
        };
    }

    private static String fix(Check check) {
        return switch (check.kind()) {
            case COUNT -> "write " + check.key() + "=0 or another whole number";
            case POSITIVE -> "write " + check.key() + "=1 or a larger whole number";
            case INTEGER -> "write " + check.key() + " as a whole number, e.g. 0 or -1";
            case BOOLEAN -> "write " + check.key() + "=true or " + check.key() + "=false";
            case DURATION -> "write " + check.key() + " like 900s, 15m, 2h or 250ms";
            case AMOUNT -> "write " + check.key() + " as a number of US dollars, e.g. 5 or 0.25";
            case ONE_OF -> "write " + check.key() + "=" + check.values().get(0) + " (or another of "
                    + String.join(", ", check.values()) + ")";
        };
    }

    /** Graphviz writes weights as doubles: {@code 2.0} is the whole number 2. */
    private static boolean wholeDecimal(String value) {
        return value.matches("-?[0-9]{1,9}\\.0*");
    }

    private static boolean amount(String value) {
        try {
            double d = Double.parseDouble(value);
            return d >= 0 && !Double.isInfinite(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
