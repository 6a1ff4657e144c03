package io.nightshift.event;

import java.time.Instant;

/**
 * How handlers publish events: the emitter stamps run id, the next sequence number and the time, then builds
 * the event with the factory, e.g. {@code emitter.emit((run, seq, at) -> new ParallelStarted(run, seq, at, id, 3))}.
 * Thread-safe; never throws.
 */
@FunctionalInterface
public interface EventEmitter {

    /** Builds one event from its envelope fields; every event record's first three components match. */
    @FunctionalInterface
    interface Factory {
        PipelineEvent create(String runId, long seq, Instant timestamp);
    }

    EventEmitter NONE = factory -> {
    };

    void emit(Factory factory);
}
