package io.nightshift.agent.event;

import io.nightshift.event.AgentEvent;
import io.nightshift.event.AgentEventSink;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The pull side of the event stream (coding-agent spec 2.9 "async iterator"): a sink that queues events and an
 * iterator that blocks for the next one. Iteration ends after the {@code SESSION_END} of the session it was
 * created for (subagent events, forwarded to the parent's sinks, pass through). Single consumer.
 */
public final class AgentEventQueue implements AgentEventSink, Iterator<AgentEvent> {

    private final LinkedBlockingQueue<AgentEvent> queue = new LinkedBlockingQueue<>();
    private final String sessionId;
    private boolean ended;

    public AgentEventQueue(String sessionId) {
        this.sessionId = sessionId;
    }

    private boolean isEnd(AgentEvent event) {
        return event instanceof AgentEvent.SessionEnd && event.sessionId().equals(sessionId);
    }

    @Override
    public void accept(AgentEvent event) {
        queue.add(event);
    }

    /** Blocks until an event arrives, unless the session already ended and everything was taken. */
    @Override
    public boolean hasNext() {
        return !ended;
    }

    @Override
    public AgentEvent next() {
        if (ended) {
            throw new NoSuchElementException("the session has ended");
        }
        try {
            AgentEvent event = queue.take();
            ended = isEnd(event);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoSuchElementException("interrupted while waiting for the next event");
        }
    }

    /** The next event within the timeout, or null. */
    public AgentEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        AgentEvent event = queue.poll(timeout, unit);
        if (event != null && isEnd(event)) {
            ended = true;
        }
        return event;
    }
}
