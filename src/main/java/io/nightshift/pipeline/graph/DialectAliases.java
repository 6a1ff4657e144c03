package io.nightshift.pipeline.graph;

import java.util.Map;

/**
 * Attribute names other Attractor implementations write for a spec attribute, where the meaning is the same:
 * StrongDM's published pipelines say {@code node_type} (the internal name attractor-spec 2.6 mentions),
 * {@code llm_prompt}, the community conformance suite's managers {@code max_cycles}; several implementations
 * write {@code model} and {@code provider} (connect-the-bots, wcraigjones/attractor, StrongDM's examples); on the
 * graph {@code context_fidelity_default}, {@code context_thread_default} and {@code model} (unless it holds a
 * Graphviz layout model). They are read as the spec's names when the spec's name is not set too.
 */
public final class DialectAliases {

    private static final Map<String, String> NODE = Map.of("node_type", "type", "llm_prompt", "prompt",
            "max_cycles", "manager.max_cycles", "model", "llm_model", "provider", "llm_provider");
    private static final Map<String, String> GRAPH = Map.of("context_fidelity_default", "default_fidelity",
            "context_thread_default", "default_thread_id", "model", "llm_model");

    /** The values of Graphviz's own graph attribute {@code model} (neato's layout model), never an LLM. */
    private static final java.util.Set<String> GRAPHVIZ_MODELS = java.util.Set.of("circuit", "subset", "shortpath",
            "mds");

    private DialectAliases() {
    }

    /** The spec's name for a node attribute alias, or null when {@code key} is not one. */
    public static String canonical(String key) {
        return NODE.get(key);
    }

    /**
     * Whether a graph attribute is the alias of a spec attribute: {@code model} is one unless its value is one of
     * Graphviz's layout models.
     */
    public static boolean isGraphAlias(String key, String value) {
        return GRAPH.containsKey(key) && !(key.equals("model") && GRAPHVIZ_MODELS.contains(value.strip()));
    }

    /**
     * Whether a {@code goal_gate} value is the condition {@code outcome = success} (any spacing), which
     * samueljklee/attractor evaluates as the gate's condition: it means {@code goal_gate=true}.
     */
    public static boolean isSuccessCondition(String goalGate) {
        return goalGate.replaceAll("\\s+", "").replace("==", "=").equalsIgnoreCase("outcome=success");
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
