package io.nightshift.pipeline.graph;

/**
 * Where something was written in a DOT source: file name as given by the user, 1-based line and column.
 * Synthesized nodes and edges (made by transforms) use {@link #UNKNOWN}.
 */
public record SourceLocation(String file, int line, int column) {

    public static final SourceLocation UNKNOWN = new SourceLocation("", 0, 0);

    public boolean known() {
        return line > 0;
    }

    /** {@code file:line:col}, the prefix of every diagnostic line. */
    @Override
    public String toString() {
        return known() ? file + ":" + line + ":" + column : file;
    }
}
