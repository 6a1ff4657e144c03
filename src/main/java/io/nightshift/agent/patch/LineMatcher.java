package io.nightshift.agent.patch;

import java.util.List;

/**
 * Finds a run of lines inside a file's lines, first exactly, then ever more leniently: ignoring trailing
 * whitespace, ignoring surrounding whitespace, and finally also treating Unicode dashes, quotes and spaces as
 * their ASCII look-alikes (coding-agent spec Appendix A "Hunk Matching"; the same leniency serves edit_file).
 */
public final class LineMatcher {

    /** How a match was found; {@code EXACT} or the first lenient pass that succeeded. */
    public enum Leniency { EXACT, TRAILING_WHITESPACE, SURROUNDING_WHITESPACE, UNICODE_PUNCTUATION }

    /** A match: the index of the first line and how lenient the comparison had to be. */
    public record Match(int index, Leniency leniency) {
    }

    private LineMatcher() {
    }

    /**
     * The first index at or after {@code start} where {@code needle} occurs in {@code lines}, or null. With
     * {@code atEnd} set the match must end on the last line (patch {@code *** End of File}); it is tried there
     * first and anywhere after {@code start} otherwise.
     */
    public static Match find(List<String> lines, List<String> needle, int start, boolean atEnd) {
        if (needle.isEmpty()) {
            return new Match(atEnd ? lines.size() : Math.min(start, lines.size()), Leniency.EXACT);
        }
        if (needle.size() > lines.size()) {
            return null;
        }
        for (Leniency leniency : Leniency.values()) {
            if (atEnd) {
                int index = lines.size() - needle.size();
                if (index >= start && matchesAt(lines, needle, index, leniency)) {
                    return new Match(index, leniency);
                }
            }
            for (int i = Math.max(0, start); i <= lines.size() - needle.size(); i++) {
                if (matchesAt(lines, needle, i, leniency)) {
                    return new Match(i, leniency);
                }
            }
        }
        return null;
    }

    /** How many places {@code needle} occurs at the given leniency (for uniqueness checks). */
    public static int count(List<String> lines, List<String> needle, Leniency leniency) {
        int n = 0;
        for (int i = 0; i <= lines.size() - needle.size(); i++) {
            if (matchesAt(lines, needle, i, leniency)) {
                n++;
            }
        }
        return n;
    }

    static boolean matchesAt(List<String> lines, List<String> needle, int index, Leniency leniency) {
        for (int j = 0; j < needle.size(); j++) {
            if (!normalize(lines.get(index + j), leniency).equals(normalize(needle.get(j), leniency))) {
                return false;
            }
        }
        return true;
    }

    static String normalize(String line, Leniency leniency) {
        return switch (leniency) {
            case EXACT -> line;
            case TRAILING_WHITESPACE -> line.stripTrailing();
            case SURROUNDING_WHITESPACE -> line.strip();
            case UNICODE_PUNCTUATION -> asciiPunctuation(line.strip());
        };
    }

    private static String asciiPunctuation(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            out.append(switch (c) {
                case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
                case '\u2018', '\u2019', '\u201A', '\u201B' -> '\'';
                case '\u201C', '\u201D', '\u201E', '\u201F' -> '"';
                case '\u00A0', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009',
                     '\u200A', '\u202F', '\u205F', '\u3000' -> ' ';
                default -> c;
            });
        }
        return out.toString();
    }
}
