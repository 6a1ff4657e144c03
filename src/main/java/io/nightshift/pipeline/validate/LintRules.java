package io.nightshift.pipeline.validate;

import io.nightshift.pipeline.graph.HandlerTypes;
import java.util.List;
import java.util.Set;

/** The built-in lint rules: attractor-spec 7.2 in its order, then Nightshift's own. */
public final class LintRules {

    private LintRules() {
    }

    /** The handler types every Nightshift engine registers (attractor-spec 2.8). */
    public static Set<String> defaultHandlerTypes() {
        return Set.of(HandlerTypes.START, HandlerTypes.EXIT, HandlerTypes.CODERGEN, HandlerTypes.WAIT_HUMAN,
                HandlerTypes.CONDITIONAL, HandlerTypes.PARALLEL, HandlerTypes.FAN_IN, HandlerTypes.TOOL,
                HandlerTypes.MANAGER_LOOP);
    }

    /** The built-in rules; {@code type_known} accepts exactly {@code knownHandlerTypes}. */
    public static List<LintRule> builtIn(Set<String> knownHandlerTypes) {
        return List.of(
                new StartNodeRule(),
                new TerminalNodeRule(),
                new ReachabilityRule(),
                new EdgeTargetExistsRule(),
                new StartNoIncomingRule(),
                new ExitNoOutgoingRule(),
                new ConditionSyntaxRule(),
                new StylesheetSyntaxRule(),
                new TypeKnownRule(knownHandlerTypes),
                new FidelityValidRule(),
                new RetryTargetExistsRule(),
                new GoalGateHasRetryRule(),
                new PromptOnLlmNodesRule(knownHandlerTypes),
                new ShapeKnownRule(),
                new AttributeTypeRule(),
                new DeadEndRule(),
                new AttributeSupportedRule(),
                new LoopExitRule());
    }
}
