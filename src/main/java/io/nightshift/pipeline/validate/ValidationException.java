package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.PipelineException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link Validator#validateOrRaise}: the graph has error-severity diagnostics and must not run. */
public final class ValidationException extends PipelineException {

    private final List<Diagnostic> diagnostics;

    public ValidationException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Every diagnostic of the validation, warnings included. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    private static String summary(List<Diagnostic> diagnostics) {
        List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
        return "pipeline has " + errors.size() + (errors.size() == 1 ? " error" : " errors") + ":\n"
                + errors.stream().map(Diagnostic::toLine).collect(Collectors.joining("\n"));
    }
}
