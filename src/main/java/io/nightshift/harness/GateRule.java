package io.nightshift.harness;

import java.util.Locale;

/** What a judgment's satisfaction is compared with the threshold by. */
public enum GateRule {
    /** The observed share of satisfied trials (the point estimate). */
    POINT,
    /** The lower bound of the Wilson interval: passes only when satisfaction is above the threshold with confidence. */
    LOWER_BOUND;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static GateRule parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (GateRule r : values()) {
            if (r.wireName().equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown gate '" + text + "' (use point or lower_bound)");
    }
}
