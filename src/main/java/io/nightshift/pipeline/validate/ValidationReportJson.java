package io.nightshift.pipeline.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code {"file": ..., "valid": bool, "diagnostics": [...]}}: the document {@code validate --json} prints. */
@JsonPropertyOrder({"file", "valid", "diagnostics"})
public record ValidationReportJson(
        @JsonProperty("file") String file,
        @JsonProperty("valid") boolean valid,
        @JsonProperty("diagnostics") List<DiagnosticJson> diagnostics) {

    /** {@code valid} is true when no diagnostic is an error. */
    public static ValidationReportJson of(String file, List<Diagnostic> diagnostics) {
        return new ValidationReportJson(file, diagnostics.stream().noneMatch(Diagnostic::isError),
                diagnostics.stream().map(DiagnosticJson::of).toList());
    }
}
