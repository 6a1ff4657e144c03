package io.nightshift.event;

/**
 * Receives every event of a run, in sequence order. Called from the engine thread and from parallel branch
 * threads (never concurrently: the engine serialises delivery). Implementations must be fast and must not
 * throw; the engine drops whatever a sink throws.
 */
@FunctionalInterface
public interface EventSink {

    void accept(PipelineEvent event);
}
