package io.nightshift.pipeline.validate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The JSON shape of a diagnostic, as {@code nightshift validate --json} prints it:
 * {@code {"rule", "severity", "message", "node_id", "edge": {"from", "to"}, "fix", "file", "line", "column"}}.
 * Severity is lower case; node_id and edge are null when not about a node or edge.
 */
@JsonPropertyOrder({"rule", "severity", "message", "node_id", "edge", "fix", "file", "line", "column"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DiagnosticJson(
        @JsonProperty("rule") String rule,
        @JsonProperty("severity") String severity,
        @JsonProperty("message") String message,
        @JsonProperty("node_id") String nodeId,
        @JsonProperty("edge") EdgeJson edge,
        @JsonProperty("fix") String fix,
        @JsonProperty("file") String file,
        @JsonProperty("line") int line,
        @JsonProperty("column") int column) {

    @JsonPropertyOrder({"from", "to"})
    public record EdgeJson(@JsonProperty("from") String from, @JsonProperty("to") String to) {
    }

    public static DiagnosticJson of(Diagnostic d) {
        return new DiagnosticJson(d.rule(), d.severity().label(), d.message(), d.nodeId(),
                d.edge() == null ? null : new EdgeJson(d.edge().from(), d.edge().to()), d.fix(),
                d.location().file(), d.location().line(), d.location().column());
    }
}
