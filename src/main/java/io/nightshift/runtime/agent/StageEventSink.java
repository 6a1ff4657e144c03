package io.nightshift.runtime.agent;

import io.nightshift.agent.event.AgentEvent;

/**
 * Receives the agent events of codergen stages, tagged with the node that ran them; the runtime connects it to
 * {@code events.jsonl}, the CLI and SSE. Same contract as {@code AgentEventSink}: fast, never throws; called
 * concurrently from parallel branches.
 */
@FunctionalInterface
public interface StageEventSink {

    void accept(String nodeId, AgentEvent event);
}
