package io.nightshift.twin.server;

import io.nightshift.twin.TwinScript;
import io.nightshift.twin.script.RequestFacts;
import io.nightshift.twin.script.Rule;
import java.util.Optional;

/**
 * Chooses the answer for each request: the next unconsumed step if it matches (consuming it), else the first
 * matching rule. Thread-safe; requests are served in arrival order.
 */
public final class ScriptPlayer {

    private TwinScript script;
    private int nextStep;

    public ScriptPlayer(TwinScript script) {
        this.script = script;
    }

    /** Swaps the script and rewinds to its first step. */
    public synchronized void reset(TwinScript newScript) {
        this.script = newScript;
        this.nextStep = 0;
    }

    public synchronized TwinScript script() {
        return script;
    }

    /** The matching step or rule, or empty when nothing matches. */
    public synchronized Optional<Rule> select(RequestFacts facts) {
        if (nextStep < script.steps().size() && script.steps().get(nextStep).matches(facts)) {
            return Optional.of(script.steps().get(nextStep++));
        }
        return script.rules().stream().filter(rule -> rule.matches(facts)).findFirst();
    }

    /** Why {@link #select} found nothing, for the loud 500 the client receives. */
    public synchronized String mismatch(RequestFacts facts) {
        String expected = nextStep < script.steps().size()
                ? "the next step is " + script.steps().get(nextStep).label("steps", nextStep) + " with match "
                        + script.steps().get(nextStep).match()
                : "all " + script.steps().size() + " steps are used up";
        return "twin: no script step or rule matches " + facts.describe() + "; " + expected + " and none of the "
                + script.rules().size() + " rules match";
    }

    public synchronized int remainingSteps() {
        return script.steps().size() - nextStep;
    }
}
