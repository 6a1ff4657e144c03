package io.nightshift.pipeline.transform;

import io.nightshift.pipeline.dot.DotParser;
import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.dot.DotSyntaxException;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.pipeline.validate.LintRule;
import io.nightshift.pipeline.validate.LintRules;
import io.nightshift.pipeline.validate.Severity;
import io.nightshift.pipeline.validate.ValidationException;
import io.nightshift.pipeline.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one way from DOT text to a runnable graph (attractor-spec 9.1): parse, run the built-in transforms then the
 * custom ones in registration order, validate with the built-in rules then the custom ones. Immutable; safe to
 * share when the custom transforms and rules are.
 */
public final class PipelinePreparer {

    /** The rule id of a syntax error reported as a diagnostic by {@link #check}. */
    public static final String SYNTAX_RULE = "syntax";

    private final List<Transform> transforms;
    private final Validator validator;

    /** Built-in transforms and rules, default handler types. */
    public PipelinePreparer() {
        this(List.of(), List.of(), LintRules.defaultHandlerTypes());
    }

    /**
     * @param customTransforms run after the built-in transforms, in this order
     * @param customRules run after the built-in lint rules, in this order
     * @param knownHandlerTypes every handler type the engine has registered (for {@code type_known})
     */
    public PipelinePreparer(List<Transform> customTransforms, List<LintRule> customRules,
            Set<String> knownHandlerTypes) {
        List<Transform> all = new ArrayList<>(Transforms.builtIn());
        all.addAll(customTransforms);
        this.transforms = List.copyOf(all);
        this.validator = new Validator(knownHandlerTypes, customRules);
    }

    /** Parses, transforms and validates. Syntax errors throw; everything else is a diagnostic. */
    public PreparedPipeline prepare(DotSource source) throws DotSyntaxException {
        return prepare(DotParser.parse(source));
    }

    /** Transforms and validates an already parsed graph. */
    public PreparedPipeline prepare(Graph parsed) {
        Graph graph = transform(parsed);
        return new PreparedPipeline(graph, validator.validate(graph));
    }

    /** {@link #prepare(DotSource)}, throwing when validation finds errors. */
    public PreparedPipeline prepareOrRaise(DotSource source) throws DotSyntaxException, ValidationException {
        PreparedPipeline prepared = prepare(source);
        if (!prepared.valid()) {
            throw new ValidationException(prepared.diagnostics());
        }
        return prepared;
    }

    /**
     * Every diagnostic for a source, a syntax error included (as rule {@value #SYNTAX_RULE}): what
     * {@code nightshift validate} reports. Never throws for bad DOT.
     */
    public List<Diagnostic> check(DotSource source) {
        try {
            return prepare(source).diagnostics();
        } catch (DotSyntaxException e) {
            return List.of(syntaxDiagnostic(e));
        }
    }

    /** A syntax error as a diagnostic, so it can be printed and serialized like the others. */
    public static Diagnostic syntaxDiagnostic(DotSyntaxException e) {
        return new Diagnostic(SYNTAX_RULE, Severity.ERROR, e.detail(), null, null,
                "fix the DOT syntax at this position (see attractor-spec 2.2 for the accepted subset)", e.location());
    }

    public Validator validator() {
        return validator;
    }

    public List<Transform> transforms() {
        return transforms;
    }

    private Graph transform(Graph graph) {
        Graph current = graph;
        for (Transform t : transforms) {
            Graph next;
            try {
                next = t.apply(current);
            } catch (RuntimeException e) {
                throw new TransformException("transform " + t.getClass().getName() + " failed: " + e, e);
            }
            if (next == null) {
                throw new TransformException("transform " + t.getClass().getName() + " returned no graph", null);
            }
            current = next;
        }
        return current;
    }
}
