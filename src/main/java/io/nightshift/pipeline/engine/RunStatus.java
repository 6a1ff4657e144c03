package io.nightshift.pipeline.engine;

import java.util.Locale;

/** How a run ended. */
public enum RunStatus {
    SUCCESS,
    FAIL,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
