package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code edge_target_exists} (attractor-spec 7.2): both ends of every edge are declared nodes. Graphviz creates a
 * node for any edge end, so a misspelt id would become a new LLM stage; here a node that only ever appears in edges
 * is an error (start and exit nodes recognised by their id excepted), as is an edge a transform pointed nowhere.
 */
final class EdgeTargetExistsRule implements LintRule {

    @Override
    public String name() {
        return "edge_target_exists";
    }

    @Override
    public List<Diagnostic> apply(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        Set<String> declared = new HashSet<>();
        for (Node n : graph.nodes().values()) {
            if (n.declared() || n.isStart() || n.isExit()) {
                declared.add(n.id());
            }
        }
        for (Edge e : graph.edges()) {
            for (String end : new String[] {e.from(), e.to()}) {
                if (declared.contains(end) || !reported.add(end)) {
                    continue;
                }
                boolean exists = graph.nodes().containsKey(end);
                String why = exists ? "which is never declared (an edge alone would make it a new LLM stage)"
                        : "which does not exist";
                Set<String> candidates = new HashSet<>(declared);
                out.add(new Diagnostic(name(), Severity.ERROR, "edge " + e + " refers to node '" + end + "', "
                        + why + Suggestions.didYouMean(end, candidates), exists ? end : null,
                        Diagnostic.EdgeRef.of(e), "declare it (" + end + " [prompt=\"...\"]) or fix the edge",
                        Where.edge(graph, e)));
            }
        }
        return out;
    }
}
