package io.nightshift.pipeline.graph;

/** A directed transition (attractor-spec 2.7). */
public record Edge(String from, String to, Attributes attrs, SourceLocation location) {

    public static Edge of(String from, String to, Attributes attrs) {
        return new Edge(from, to, attrs, SourceLocation.UNKNOWN);
    }

    public String label() {
        return attrs.string("label", "");
    }

    public String condition() {
        return attrs.string("condition", "").trim();
    }

    public boolean hasCondition() {
        return !condition().isEmpty();
    }

    public int weight() {
        // Graphviz weights are doubles; a whole one like 2.0 is read as 2 (lint refuses fractions).
        return attrs.integer("weight").orElse((int) attrs.decimal("weight").orElse(0));
    }

    public String fidelity() {
        return attrs.string("fidelity", "");
    }

    public String threadId() {
        return attrs.string("thread_id", "");
    }

    public boolean loopRestart() {
        return attrs.bool("loop_restart", false);
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
