package io.nightshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.ValidationReports;
import io.nightshift.runtime.ValidationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nightshift validate FILE [--json]}: exit 0 when valid, 1 with validation errors, 2 when unusable. */
@Command(name = "validate", description = "Check a pipeline without running it.", mixinStandardHelpOptions = true)
public class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PIPELINE.dot", description = "The pipeline file to check.")
    Path file;

    @Option(names = "--json", description = "Print the diagnostics as one JSON document on stdout.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ValidationResult result = new PipelineLoader().validate(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(ValidationReports.json(result)));
        } else {
            PrintWriter err = spec.commandLine().getErr();
            ValidationReports.linesWithFixes(result).forEach(err::println);
            err.flush();
            out.println(summary(result));
            if (!result.synopsis().isEmpty()) {
                out.println(result.synopsis());
            }
        }
        out.flush();
        return !result.usable() ? ExitCodes.UNUSABLE_INPUT : result.valid() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static String summary(ValidationResult r) {
        if (!r.usable()) {
            return r.file() + ": not a usable pipeline";
        }
        String counts = r.nodes() + " nodes, " + r.edges() + " edges";
        long errors = ValidationReports.errors(r);
        long warnings = ValidationReports.warnings(r);
        if (errors > 0) {
            return r.file() + ": invalid (" + errors + " error(s), " + warnings + " warning(s); " + counts + ")";
        }
        return r.file() + ": valid (" + counts + (warnings > 0 ? ", " + warnings + " warning(s)" : "") + ")";
    }
}
