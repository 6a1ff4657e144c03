package io.nightshift.pipeline.graph;

import java.util.Map;

/**
 * Node attribute names other Attractor implementations write for a spec attribute, where the meaning is the same:
 * StrongDM's published pipelines say {@code node_type} (the internal name attractor-spec 2.6 mentions) and
 * {@code llm_prompt}. They are read as the spec's names when the spec's name is not set too.
 */
public final class DialectAliases {

    private static final Map<String, String> NODE = Map.of("node_type", "type", "llm_prompt", "prompt");

    private DialectAliases() {
    }

    /** The spec's name for an alias, or null when {@code key} is not an alias. */
    public static String canonical(String key) {
        return NODE.get(key);
    }

    public static Map<String, String> node() {
        return NODE;
    }
}
