package io.nightshift.pipeline.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of one stage execution (attractor-spec 5.2); serialised with its lower-case wire name. */
public enum StageStatus {
    SUCCESS,
    PARTIAL_SUCCESS,
    RETRY,
    FAIL,
    SKIPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** SUCCESS and PARTIAL_SUCCESS: what goal gates and joins count as success. */
    public boolean isSuccess() {
        return this == SUCCESS || this == PARTIAL_SUCCESS;
    }

    /** Parses a wire name in any case ({@code success}, {@code PARTIAL_SUCCESS}); throws with the accepted values. */
    @JsonCreator
    public static StageStatus fromWire(String text) {
        String normalized = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (StageStatus s : values()) {
            if (s.name().equals(normalized)) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text
                + "' is not a stage status (expected success, partial_success, retry, fail or skipped)");
    }
}
