package io.nightshift.pipeline.graph;

import java.util.Map;

/**
 * Attribute names other Attractor implementations write for a spec attribute, where the meaning is the same:
 * StrongDM's published pipelines say {@code node_type} (the internal name attractor-spec 2.6 mentions),
 * {@code llm_prompt}, the community conformance suite's managers {@code max_cycles}, and on the graph {@code context_fidelity_default} and {@code context_thread_default}. They are
 * read as the spec's names when the spec's name is not set too.
 */
public final class DialectAliases {

    private static final Map<String, String> NODE = Map.of("node_type", "type", "llm_prompt", "prompt",
            "max_cycles", "manager.max_cycles");
    private static final Map<String, String> GRAPH = Map.of("context_fidelity_default", "default_fidelity",
            "context_thread_default", "default_thread_id");

    private DialectAliases() {
    }

    /** The spec's name for a node attribute alias, or null when {@code key} is not one. */
    public static String canonical(String key) {
        return NODE.get(key);
    }

    /** The spec's name for a graph attribute alias, or null when {@code key} is not one. */
    public static String canonicalGraph(String key) {
        return GRAPH.get(key);
    }

    public static Map<String, String> node() {
        return NODE;
    }

    public static Map<String, String> graph() {
        return GRAPH;
    }
}
