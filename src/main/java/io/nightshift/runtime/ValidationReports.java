package io.nightshift.runtime;

import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.Severity;
import io.nightshift.pipeline.validate.ValidationReportJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation findings as the edges show them (one {@code file:line:col: severity: message} line each, or the JSON
 * report), so {@code cli} and {@code server} print diagnostics without naming the validator's types (STYLE 24).
 */
public final class ValidationReports {

    private ValidationReports() {
    }

    /** One line per diagnostic. */
    public static List<String> lines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::toLine).toList();
    }

    /** One line per error, warnings left out. */
    public static List<String> errorLines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::toLine).toList();
    }

    /** Each diagnostic's line, followed by an indented {@code fix:} line when it has one (syntax errors do not). */
    public static List<String> linesWithFixes(ValidationResult result) {
        List<String> lines = new ArrayList<>();
        for (Diagnostic d : result.diagnostics()) {
            lines.add(d.toLine());
            if (!d.fix().isEmpty() && !d.rule().equals("syntax")) {
                lines.add("    fix: " + d.fix());
            }
        }
        return lines;
    }

    public static long errors(ValidationResult result) {
        return result.count(Severity.ERROR);
    }

    public static long warnings(ValidationResult result) {
        return result.count(Severity.WARNING);
    }

    /** The JSON document of {@code nightshift validate --json}. */
    public static ValidationReportJson json(ValidationResult result) {
        return ValidationReportJson.of(result.file(), result.diagnostics());
    }

    /** The same document for a pipeline a launch refused. */
    public static ValidationReportJson json(InvalidPipelineException e) {
        return ValidationReportJson.of(e.file(), e.diagnostics());
    }
}
