package io.nightshift.llm;

import java.time.Duration;

/**
 * Adapter-level timeouts (unified-llm-spec 4.7 AdapterTimeout). {@code request} bounds a whole
 * {@code complete()} call and, for {@code stream()}, the wait for the first event; {@code streamRead} bounds
 * the silence between two chunks of a stream.
 */
public record Timeouts(Duration connect, Duration request, Duration streamRead) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120),
            Duration.ofSeconds(30));
}
