package io.nightshift.runtime;

import io.nightshift.pipeline.validate.Diagnostic;
import java.util.List;

/** A pipeline that parses but fails validation; the CLI prints every diagnostic and exits with 1. */
public final class InvalidPipelineException extends RuntimeException {

    private final String file;
    private final List<Diagnostic> diagnostics;

    public InvalidPipelineException(String file, List<Diagnostic> diagnostics) {
        super(file + ": the pipeline has " + diagnostics.stream().filter(Diagnostic::isError).count()
                + " validation error(s); run 'nightshift validate " + file + "' for details");
        this.file = file == null || file.isEmpty() ? "pipeline.dot" : file;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** The pipeline file as the request named it. */
    public String file() {
        return file;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
