package io.nightshift.event;

/**
 * Receives a session's events (coding-agent spec 2.9). Called on the session's threads, in emission order per
 * session (tool calls running in parallel may interleave). Implementations must be fast and must not throw;
 * a sink that throws anyway is isolated by the session's {@code AgentEventFanOut} and does not disturb the session.
 */
@FunctionalInterface
public interface AgentEventSink {

    void accept(AgentEvent event);
}
