package io.nightshift.runtime;

import io.nightshift.pipeline.dot.DotParser;
import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.dot.DotSourceException;
import io.nightshift.pipeline.dot.DotSyntaxException;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.transform.PipelinePreparer;
import io.nightshift.pipeline.transform.PreparedPipeline;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.LintRules;
import io.nightshift.pipeline.validate.PipelineSynopsis;
import io.nightshift.pipeline.validate.Severity;
import io.nightshift.runtime.harness.HarnessLintRule;
import io.nightshift.runtime.harness.HarnessSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads, parses, transforms and validates pipeline files for the CLI and the server, with the runtime's handler types. */
public final class PipelineLoader {

    private final PipelinePreparer preparer;
    private final Set<String> knownHandlerTypes;

    /** The built-in handler types and the runtime's ({@code harness}), with the runtime's lint rules. */
    public PipelineLoader() {
        this(Set.of(HarnessSettings.TYPE));
    }

    /** @param extraHandlerTypes handler types the runtime registers beyond the built-in ones */
    public PipelineLoader(Set<String> extraHandlerTypes) {
        Set<String> known = new HashSet<>(LintRules.defaultHandlerTypes());
        known.addAll(extraHandlerTypes);
        this.knownHandlerTypes = Set.copyOf(known);
        this.preparer = new PipelinePreparer(List.of(), List.of(new HarnessLintRule(), new SandboxSettingsRule(),
                new ModelNameRule()), known);
    }

    /** Every diagnostic for a file; a file that cannot be read or parsed yields one error and {@code usable=false}. */
    public ValidationResult validate(Path file) {
        DotSource source;
        try {
            source = DotSource.read(file);
        } catch (DotSourceException e) {
            Diagnostic d = new Diagnostic("source", Severity.ERROR, e.detail(), null, null,
                    "pass the path of a readable UTF-8 .dot file", e.location());
            return new ValidationResult(file.toString(), false, List.of(d), 0, 0);
        }
        try {
            PreparedPipeline prepared = preparer.prepare(source);
            return result(file.toString(), prepared);
        } catch (DotSyntaxException e) {
            return new ValidationResult(file.toString(), false, List.of(PipelinePreparer.syntaxDiagnostic(e)), 0, 0);
        }
    }

    /** As {@link #validate(Path)}, for DOT text that did not come from a file (HTTP submissions). */
    public ValidationResult validate(String dot, String name) {
        DotSource source;
        try {
            source = DotSource.of(dot, name);
        } catch (DotSourceException e) {
            Diagnostic d = new Diagnostic("source", Severity.ERROR, e.detail(), null, null,
                    "send UTF-8 DOT text", e.location());
            return new ValidationResult(name, false, List.of(d), 0, 0);
        }
        try {
            PreparedPipeline prepared = preparer.prepare(source);
            return result(name, prepared);
        } catch (DotSyntaxException e) {
            return new ValidationResult(name, false, List.of(PipelinePreparer.syntaxDiagnostic(e)), 0, 0);
        }
    }

    /**
     * Loads a pipeline to run it. Unreadable or unparsable files throw {@link UnusableInputException}; a graph
     * with error diagnostics throws {@link InvalidPipelineException}. Warnings are returned with the graph.
     */
    public PreparedPipeline load(Path file) {
        DotSource source;
        try {
            source = DotSource.read(file);
        } catch (DotSourceException e) {
            throw new UnusableInputException(e.getMessage(), e);
        }
        return prepare(source);
    }

    /**
     * As {@link #load(Path)}, with {@code goal} (when not blank) as the graph's {@code goal} before the transforms,
     * so {@code $goal} in prompts, the manifest and the pull request name the run's goal (a job's, from an issue or a
     * schedule) instead of the pipeline's example.
     */
    public PreparedPipeline load(Path file, String goal) {
        if (goal == null || goal.isBlank()) {
            return load(file);
        }
        DotSource source;
        try {
            source = DotSource.read(file);
        } catch (DotSourceException e) {
            throw new UnusableInputException(e.getMessage(), e);
        }
        Graph parsed;
        try {
            parsed = DotParser.parse(source);
        } catch (DotSyntaxException e) {
            throw new UnusableInputException(PipelinePreparer.syntaxDiagnostic(e).toLine(), e);
        }
        PreparedPipeline prepared = preparer.prepare(parsed.withAttrs(parsed.attrs().with("goal", goal)));
        if (!prepared.valid()) {
            throw new InvalidPipelineException(source.fileName(), prepared.diagnostics());
        }
        return prepared;
    }

    /** As {@link #load(Path)}, for DOT text that did not come from a file (HTTP submissions). */
    public PreparedPipeline load(String dot, String name) {
        try {
            return prepare(DotSource.of(dot, name));
        } catch (DotSourceException e) {
            throw new UnusableInputException(e.getMessage(), e);
        }
    }

    private PreparedPipeline prepare(DotSource source) {
        PreparedPipeline prepared;
        try {
            prepared = preparer.prepare(source);
        } catch (DotSyntaxException e) {
            throw new UnusableInputException(PipelinePreparer.syntaxDiagnostic(e).toLine(), e);
        }
        if (!prepared.valid()) {
            throw new InvalidPipelineException(source.fileName(), prepared.diagnostics());
        }
        return prepared;
    }

    private ValidationResult result(String name, PreparedPipeline prepared) {
        return new ValidationResult(name, true, prepared.diagnostics(), prepared.graph().nodes().size(),
                prepared.graph().edges().size(), PipelineSynopsis.of(prepared.graph(), knownHandlerTypes).line());
    }
}
