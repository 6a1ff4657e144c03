package io.nightshift.agent;

import io.nightshift.event.AgentEvent;
import io.nightshift.event.AgentEventSink;
import io.nightshift.event.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A sink that keeps every event, for assertions. */
public final class RecordingSink implements AgentEventSink {

    private final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(AgentEvent event) {
        events.add(event);
    }

    public List<AgentEvent> all() {
        return List.copyOf(events);
    }

    public List<EventKind> kinds() {
        List<EventKind> kinds = new ArrayList<>();
        for (AgentEvent event : events) {
            kinds.add(event.kind());
        }
        return kinds;
    }

    public <T extends AgentEvent> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until an event matching {@code condition} has arrived. */
    public AgentEvent await(Predicate<AgentEvent> condition, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            for (AgentEvent event : events) {
                if (condition.test(event)) {
                    return event;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching event within " + timeoutMs + " ms; got " + kinds());
    }
}
