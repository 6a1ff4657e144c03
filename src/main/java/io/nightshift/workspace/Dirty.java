package io.nightshift.workspace;

import java.util.List;

/** Formats a list of dirty paths for a message: the first few, then a count. */
final class Dirty {

    private static final int SHOWN = 20;

    private Dirty() {
    }

    static String describe(List<String> paths) {
        if (paths.size() <= SHOWN) {
            return String.join(", ", paths);
        }
        return String.join(", ", paths.subList(0, SHOWN)) + " and " + (paths.size() - SHOWN) + " more";
    }
}
