package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.util.List;

/**
 * Context fidelity and thread key of a stage (attractor-spec 5.4). Fidelity: incoming edge {@code fidelity} >
 * node {@code fidelity} > graph {@code default_fidelity} > {@code compact}. Thread: node {@code thread_id} >
 * incoming edge {@code thread_id} > graph {@code default_thread_id} (or {@code thread_id}) > innermost
 * subgraph class > previous node id > the node's own id.
 */
record Fidelity(String mode, String threadId) {

    static final String DEFAULT = "compact";
    static final String FULL = "full";
    static final String AFTER_RESUME = "summary:high";

    static Fidelity resolve(Node node, Edge incoming, Graph graph, String previousNodeId) {
        String mode = first(incoming == null ? "" : incoming.fidelity(), node.fidelity(),
                graph.attrs().string("default_fidelity", ""), DEFAULT);
        List<String> classes = node.subgraphClasses();
        String thread = first(node.threadId(), incoming == null ? "" : incoming.threadId(),
                graph.attrs().string("default_thread_id", graph.attrs().string("thread_id", "")),
                classes.isEmpty() ? "" : classes.get(classes.size() - 1),
                previousNodeId == null ? "" : previousNodeId, node.id());
        return new Fidelity(mode, thread);
    }

    Fidelity degraded() {
        return new Fidelity(AFTER_RESUME, threadId);
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.strip();
            }
        }
        return "";
    }
}
