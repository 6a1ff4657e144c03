package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.SourceLocation;
import java.util.Objects;

/**
 * One finding about a pipeline (attractor-spec 7.1), with the rule that made it, a suggested fix and the best
 * source location known. {@code nodeId} and {@code edge} are null when the finding is about the whole graph.
 */
public record Diagnostic(String rule, Severity severity, String message, String nodeId, EdgeRef edge, String fix,
        SourceLocation location) {

    /** The edge a diagnostic is about, by its endpoints. */
    public record EdgeRef(String from, String to) {

        public static EdgeRef of(Edge edge) {
            return new EdgeRef(edge.from(), edge.to());
        }

        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    public Diagnostic {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
        location = location == null ? SourceLocation.UNKNOWN : location;
    }

    public static Diagnostic error(String rule, String message, String fix, SourceLocation location) {
        return new Diagnostic(rule, Severity.ERROR, message, null, null, fix, location);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The one-line form the CLI prints: {@code file:line:col: severity rule: message}. A location without a line
     * (an unreadable file) prints just the file name before the first colon.
     */
    public String toLine() {
        return location + ": " + severity.label() + " " + rule + ": " + message;
    }
}
