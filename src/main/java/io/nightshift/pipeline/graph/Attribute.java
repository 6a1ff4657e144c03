package io.nightshift.pipeline.graph;

/**
 * One {@code key=value} as written. {@code quoted} tells whether the value was a double-quoted string
 * (escapes already resolved); typed reads in {@link Attributes} accept both forms, as DOT files write
 * {@code timeout="900s"} and {@code timeout=900s} interchangeably.
 */
public record Attribute(String key, String value, boolean quoted, SourceLocation location) {

    public static Attribute synthetic(String key, String value) {
        return new Attribute(key, value, true, SourceLocation.UNKNOWN);
    }
}
