package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code loop_exit} (Nightshift, issue 14): every cycle of the graph can end. An error for a cycle from which no
 * path leads to an exit node at all (the run could only loop until {@code max_visits} fails it); a warning for a
 * cycle whose edges, in it and out of it, carry no condition and no label (routing is then fixed: the engine
 * either never takes the loop or never leaves it). Cycles are the strongly connected components of the graph
 * (iterative Tarjan, so 10,000-node graphs do not overflow the stack).
 */
final class LoopExitRule implements LintRule {

    @Override
    public String name() {
        return "loop_exit";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        Set<String> reachesExit = reachesExit(graph);
        List<Diagnostic> out = new ArrayList<>();
        for (List<String> cycle : cycles(graph)) {
            Node first = graph.node(cycle.get(0)).orElseThrow();
            String path = describe(cycle);
            if (cycle.stream().noneMatch(reachesExit::contains)) {
                out.add(new Diagnostic(name(), Severity.ERROR, "the cycle " + path
                        + " has no path to an exit node: once entered, the run can only loop", first.id(), null,
                        "add an edge from a stage of the cycle towards the exit, e.g. with condition=\"outcome=success\"",
                        Where.node(graph, first)));
                continue;
            }
            boolean steered = false;
            for (String id : cycle) {
                for (Edge e : graph.outgoing(id)) {
                    if (e.hasCondition() || !e.label().isEmpty()) {
                        steered = true;
                    }
                }
            }
            if (!steered) {
                out.add(new Diagnostic(name(), Severity.WARNING, "the cycle " + path
                        + " has no conditional way out: no edge in or out of it has a condition or a label, so the run"
                        + " either never loops or loops until max_visits stops it", first.id(), null,
                        "put condition=\"outcome=success\" on the edge that leaves the cycle (and outcome=fail on the"
                                + " one that loops)", Where.node(graph, first)));
            }
        }
        return out;
    }

    private static Set<String> reachesExit(Graph graph) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        for (Node exit : graph.exitNodes()) {
            if (seen.add(exit.id())) {
                queue.add(exit.id());
            }
        }
        while (!queue.isEmpty()) {
            for (Edge e : graph.incoming(queue.poll())) {
                if (seen.add(e.from())) {
                    queue.add(e.from());
                }
            }
        }
        return seen;
    }

    /** The strongly connected components that are cycles (two nodes or more, or a node with an edge to itself). */
    static List<List<String>> cycles(Graph graph) {
        List<String> ids = new ArrayList<>(graph.nodes().keySet());
        Map<String, Integer> number = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            number.put(ids.get(i), i);
        }
        int n = ids.size();
        int[][] next = new int[n][];
        boolean[] selfLoop = new boolean[n];
        for (int v = 0; v < n; v++) {
            List<Edge> out = graph.outgoing(ids.get(v));
            int[] targets = new int[out.size()];
            int k = 0;
            for (Edge e : out) {
                Integer w = number.get(e.to());
                if (w != null) {
                    targets[k++] = w;
                    selfLoop[v] |= w == v;
                }
            }
            next[v] = java.util.Arrays.copyOf(targets, k);
        }
        int[] index = new int[n];
        int[] low = new int[n];
        java.util.Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int[] callV = new int[n];
        int[] callI = new int[n];
        int counter = 0;
        List<List<String>> out = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callV[0] = root;
            callI[0] = 0;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callV[depth];
                if (callI[depth] < next[v].length) {
                    int w = next[v][callI[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callV[depth] = w;
                        callI[depth] = 0;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    List<String> component = new ArrayList<>();
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        component.add(ids.get(w));
                    } while (w != v);
                    if (component.size() > 1 || selfLoop[v]) {
                        java.util.Collections.reverse(component);
                        out.add(component);
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callV[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return out;
    }

    private static String describe(List<String> cycle) {
        List<String> shown = cycle.size() > 6 ? new ArrayList<>(cycle.subList(0, 6)) : new ArrayList<>(cycle);
        return "through " + String.join(", ", shown.stream().map(id -> "'" + id + "'").toList())
                + (cycle.size() > 6 ? " and " + (cycle.size() - 6) + " more" : "");
    }
}
