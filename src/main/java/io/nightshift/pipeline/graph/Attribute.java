package io.nightshift.pipeline.graph;

/**
 * One {@code key=value} as written. {@code quoted} tells whether the value was a double-quoted string
 * (escapes already resolved); typed reads in {@link Attributes} accept both forms, as DOT files write
 * {@code timeout="900s"} and {@code timeout=900s} interchangeably. {@code inherited}: the value came from a
 * {@code node [...]} default in scope, which a model stylesheet overrides (attractor-spec 8.5).
 */
public record Attribute(String key, String value, boolean quoted, SourceLocation location, boolean inherited) {

    /** An attribute written on the element itself. */
    public Attribute(String key, String value, boolean quoted, SourceLocation location) {
        this(key, value, quoted, location, false);
    }

    /** The same attribute as a {@code node [...]} default the element got from its block, not wrote itself. */
    public Attribute asInherited() {
        return inherited ? this : new Attribute(key, value, quoted, location, true);
    }

    public static Attribute synthetic(String key, String value) {
        return new Attribute(key, value, true, SourceLocation.UNKNOWN);
    }
}
