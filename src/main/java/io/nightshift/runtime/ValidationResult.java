package io.nightshift.runtime;

import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.Severity;
import java.util.List;

/**
 * What {@code validate} found in one file. {@code usable} is false when the file could not be read or parsed
 * (then the diagnostics hold that one error); {@code nodes} and {@code edges} count the parsed graph;
 * {@code synopsis} is the one-line kind of the pipeline ({@code kind: HYBRID (...)}), empty when unusable.
 */
public record ValidationResult(String file, boolean usable, List<Diagnostic> diagnostics, int nodes, int edges,
        String synopsis) {

    public ValidationResult(String file, boolean usable, List<Diagnostic> diagnostics, int nodes, int edges) {
        this(file, usable, diagnostics, nodes, edges, "");
    }

    public ValidationResult {
        // Reading order: whole-file findings first, then by line and column.
        diagnostics = diagnostics.stream()
                .sorted(java.util.Comparator.comparingInt((Diagnostic d) -> d.location().line())
                        .thenComparingInt(d -> d.location().column()))
                .toList();
    }

    public boolean valid() {
        return usable && diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public long count(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).count();
    }
}
