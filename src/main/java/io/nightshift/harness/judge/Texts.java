package io.nightshift.harness.judge;

/** Bounding text that goes into trial results and transcripts. */
final class Texts {

    /** How much of each output a trial result keeps. */
    static final int TAIL = 1_500;

    private Texts() {
    }

    /** The last {@code max} characters of {@code text}, saying how much was cut. */
    static String tail(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        return "[... " + (text.length() - max) + " earlier characters cut]" + text.substring(text.length() - max);
    }

    /** Text with trailing line breaks removed, the way a user reads a command's output. */
    static String trimEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }
}
