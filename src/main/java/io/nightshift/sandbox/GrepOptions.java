package io.nightshift.sandbox;

/** Options of {@link ExecutionEnvironment#grep}; {@code globFilter} may be null. */
public record GrepOptions(String globFilter, boolean caseInsensitive, int maxResults) {

    public static final GrepOptions DEFAULTS = new GrepOptions(null, false, 100);
}
