package io.nightshift.pipeline.handler;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Accelerator keys in edge labels ({@code [Y] Yes}, {@code Y) Yes}, {@code Y - Yes}; attractor-spec 4.6, 3.3). */
public final class Accelerators {

    private static final Pattern BRACKET = Pattern.compile("^\\s*\\[(\\w)\\]\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern PAREN = Pattern.compile("^\\s*(\\w)\\)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern DASH = Pattern.compile("^\\s*(\\w)\\s+-\\s+(.*)$", Pattern.DOTALL);

    private Accelerators() {
    }

    /** The accelerator key of a label: the marked one, else its first character; empty for an empty label. */
    public static String key(String label) {
        for (Pattern p : new Pattern[] {BRACKET, PAREN, DASH}) {
            Matcher m = p.matcher(label);
            if (m.matches()) {
                return m.group(1).toUpperCase(Locale.ROOT);
            }
        }
        String trimmed = label.strip();
        return trimmed.isEmpty() ? "" : trimmed.substring(0, 1).toUpperCase(Locale.ROOT);
    }

    /** The label without its accelerator marker, lower-cased and trimmed, for preferred-label matching. */
    public static String normalize(String label) {
        if (label == null) {
            return "";
        }
        String text = label;
        for (Pattern p : new Pattern[] {BRACKET, PAREN, DASH}) {
            Matcher m = p.matcher(text);
            if (m.matches()) {
                text = m.group(2);
                break;
            }
        }
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
