package io.nightshift.workspace;

import java.util.regex.Pattern;

/** Checks that run ids and branch names can be used inside git ref names. */
final class RunIds {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private RunIds() {
    }

    static String check(String id) {
        return checkName("run id", id);
    }

    static String checkName(String what, String id) {
        if (id == null || !SAFE.matcher(id).matches() || id.contains("..") || id.endsWith(".lock") || id.endsWith(".")) {
            throw new IllegalArgumentException("Invalid " + what + " '" + id + "': use 1 to 128 letters, digits, '.', '_'"
                    + " or '-', starting with a letter, digit or '_' (it becomes part of a git branch name).");
        }
        return id;
    }
}
