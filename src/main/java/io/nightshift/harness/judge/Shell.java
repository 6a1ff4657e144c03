package io.nightshift.harness.judge;

/** Quoting for the bash command lines the runner composes. */
final class Shell {

    private Shell() {
    }

    /** {@code text} as one single-quoted bash word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
