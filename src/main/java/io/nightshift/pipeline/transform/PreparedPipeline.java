package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.Severity;
import java.util.List;

/** A parsed and transformed graph with its validation diagnostics. Run it only when {@link #valid()}. */
public record PreparedPipeline(Graph graph, List<Diagnostic> diagnostics) {

    public PreparedPipeline {
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when no diagnostic is an error. */
    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }
}
