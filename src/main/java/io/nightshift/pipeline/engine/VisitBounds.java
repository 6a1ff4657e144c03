package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loop bounds: how often the engine may run each node. A node's {@code max_visits}, else the graph's
 * {@code default_max_visits}, else {@value #DEFAULT_MAX_VISITS}; 0 means unbounded. Visits count over the whole
 * run, across resumes (the checkpoint's completed list holds them). Not thread-safe: the engine loop owns it.
 */
final class VisitBounds {

    /** Generous for review/repair loops, small enough that a loop which never converges ends within the hour. */
    static final int DEFAULT_MAX_VISITS = 20;

    private final Map<String, Integer> visits = new HashMap<>();
    private final int graphDefault;

    VisitBounds(Graph graph) {
        this.graphDefault = nonNegative(graph.attrs().integer("default_max_visits").orElse(DEFAULT_MAX_VISITS));
    }

    /** Counts the visits a checkpoint's completed list records. */
    void restore(List<String> completed) {
        visits.clear();
        completed.forEach(id -> visits.merge(id, 1, Integer::sum));
    }

    void clear() {
        visits.clear();
    }

    /** Counts a visit of {@code node}; returns why it may not run, or null when it may. */
    String visit(Node node) {
        int limit = nonNegative(node.attrs().integer("max_visits").orElse(graphDefault));
        int count = visits.merge(node.id(), 1, Integer::sum);
        if (limit > 0 && count > limit) {
            return "node '" + node.id() + "' exceeded max_visits (" + limit + "): it would run a " + ordinal(count)
                    + " time; the loop through it does not converge. Raise max_visits on the node or"
                    + " default_max_visits on the graph (0 = unbounded) if the loop is intended";
        }
        return null;
    }

    private static int nonNegative(int n) {
        return Math.max(0, n);
    }

    private static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
