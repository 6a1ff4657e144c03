package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the built-in lint rules, then custom rules in registration order (attractor-spec 7.3, 7.4). Immutable and
 * safe to share between threads as long as the custom rules are.
 */
public final class Validator {

    private final List<LintRule> rules;

    /** The built-in rules with the default handler types. */
    public Validator() {
        this(LintRules.defaultHandlerTypes(), List.of());
    }

    /**
     * @param knownHandlerTypes every handler type the engine will have registered, custom ones included
     * @param customRules rules to run after the built-in ones, in this order
     */
    public Validator(Set<String> knownHandlerTypes, List<LintRule> customRules) {
        List<LintRule> all = new ArrayList<>(LintRules.builtIn(knownHandlerTypes));
        all.addAll(customRules);
        this.rules = List.copyOf(all);
    }

    public List<LintRule> rules() {
        return rules;
    }

    /**
     * Every diagnostic of every rule, rule by rule. Never throws: a custom rule that fails becomes an ERROR
     * diagnostic naming the rule.
     */
    public List<Diagnostic> validate(Graph graph) {
        List<Diagnostic> out = new ArrayList<>();
        for (LintRule rule : rules) {
            try {
                out.addAll(rule.apply(graph));
            } catch (RuntimeException e) {
                out.add(new Diagnostic(rule.name(), Severity.ERROR, "lint rule '" + rule.name() + "' failed: "
                        + e, null, null, "fix or remove the custom rule", Where.graph(graph)));
            }
        }
        return List.copyOf(out);
    }

    /** {@link #validate}, throwing when any diagnostic is an error; otherwise returns the warnings and notes. */
    public List<Diagnostic> validateOrRaise(Graph graph) throws ValidationException {
        List<Diagnostic> diagnostics = validate(graph);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new ValidationException(diagnostics);
        }
        return diagnostics;
    }
}
