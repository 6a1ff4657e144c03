package io.nightshift.runtime;

import io.nightshift.pipeline.graph.Durations;
import java.time.Duration;
import java.util.Optional;

/** Durations as the edges read them, with the one grammar DOT attributes use ({@code 90s}, {@code 15m}, {@code 2h}). */
public final class RunDurations {

    private RunDurations() {
    }

    /** The duration {@code text} names; empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        return Durations.parse(text);
    }

    /** {@code duration} as a person reads it in progress output: 850ms, 12.3s, 4m05s. */
    public static String human(Duration duration) {
        return Durations.human(duration);
    }
}
