package io.nightshift.pipeline.validate;

import java.util.Locale;

/** How bad a diagnostic is (attractor-spec 7.1): the engine refuses to run a graph with any ERROR. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** {@code error}, {@code warning} or {@code info}, as diagnostic lines and JSON show it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
