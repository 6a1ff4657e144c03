package io.nightshift.agent.event;

import io.nightshift.event.AgentEvent;
import io.nightshift.event.AgentEventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans a session's events out to its sinks. Thread-safe: sinks may be added while the session runs, and events
 * from parallel tool calls are delivered one at a time so that sinks never see two at once. A sink that throws
 * is skipped for that event (sinks must not throw; this keeps one bad sink from breaking the loop).
 */
public final class AgentEventFanOut {

    private final List<AgentEventSink> sinks = new CopyOnWriteArrayList<>();

    public void add(AgentEventSink sink) {
        sinks.add(sink);
    }

    public void remove(AgentEventSink sink) {
        sinks.remove(sink);
    }

    public synchronized void emit(AgentEvent event) {
        for (AgentEventSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException ignored) {
                // a sink broke its contract; the session goes on
            }
        }
    }
}
