package io.nightshift.harness;

import java.util.Locale;

/** How much of a judgment may flow back to the agents (and into the run directory, events and logs). */
public enum Disclosure {
    /** Counts only: satisfied trials out of all trials. */
    VERDICT,
    /** Each failing scenario's title and story, the kind of step that failed and what the program did; never the expected values. */
    HINTS,
    /** Everything, expected values included: for suites that are not held out. */
    FULL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Disclosure parse(String text) {
        for (Disclosure d : values()) {
            if (d.wireName().equals(text == null ? "" : text.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown disclosure level '" + text + "' (use verdict, hints or full)");
    }
}
