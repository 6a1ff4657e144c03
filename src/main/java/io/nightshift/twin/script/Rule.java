package io.nightshift.twin.script;

/**
 * A conditional answer: a step (consumed once, in order) or a rule (reusable, first match wins).
 *
 * @param name  optional label used in error messages
 * @param match conditions; absent matches every request
 */
public record Rule(String name, Match match, Reply reply) {

    public Rule {
        if (reply == null) {
            throw new IllegalArgumentException("every step and rule needs a 'reply'");
        }
    }

    public boolean matches(RequestFacts facts) {
        return match == null || match.matches(facts);
    }

    public String label(String kind, int index) {
        return kind + "[" + index + "]" + (name == null ? "" : " '" + name + "'");
    }
}
