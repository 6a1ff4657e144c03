package io.nightshift.event;

import java.time.Instant;

/**
 * Everything a session reports (coding-agent spec 2.9). Every event names its session and the moment it
 * happened; {@link #kind()} is the spec's event kind and becomes the {@code type} field when serialised
 * ({@link AgentEventJson}). Tool calls are bracketed: one {@link ToolCallStart} and exactly one {@link ToolCallEnd}
 * with the same call id.
 */
public sealed interface AgentEvent {

    String sessionId();

    Instant timestamp();

    EventKind kind();

    /** A session was created. {@code parentSessionId} is set for subagents. */
    record SessionStart(String sessionId, Instant timestamp, String provider, String model, String parentSessionId,
                        int depth) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.SESSION_START;
        }
    }

    /** The session closed; {@code finalState} is the state it ended in, {@code reason} why. */
    record SessionEnd(String sessionId, Instant timestamp, String finalState, String reason) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.SESSION_END;
        }
    }

    record UserInput(String sessionId, Instant timestamp, String content) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.USER_INPUT;
        }
    }

    /** One processing cycle ended; {@code stopReason} is a {@code StopReason} name, {@code state} the new state. */
    record ProcessingEnd(String sessionId, Instant timestamp, String stopReason, String state) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.PROCESSING_END;
        }
    }

    record AssistantTextStart(String sessionId, Instant timestamp) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.ASSISTANT_TEXT_START;
        }
    }

    record AssistantTextDelta(String sessionId, Instant timestamp, String delta) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.ASSISTANT_TEXT_DELTA;
        }
    }

    /** The model finished one response: its whole text, its reasoning (or null) and how many tool calls it made. */
    record AssistantTextEnd(String sessionId, Instant timestamp, String text, String reasoning, int toolCalls)
            implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.ASSISTANT_TEXT_END;
        }
    }

    record ToolCallStart(String sessionId, Instant timestamp, String callId, String toolName, String arguments)
            implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.TOOL_CALL_START;
        }
    }

    record ToolCallOutputDelta(String sessionId, Instant timestamp, String callId, String delta) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.TOOL_CALL_OUTPUT_DELTA;
        }
    }

    /**
     * A tool call finished. {@code output} is the FULL untruncated output (null on error); {@code error} the
     * message the model saw when the call failed (null on success).
     */
    record ToolCallEnd(String sessionId, Instant timestamp, String callId, String toolName, String output,
                       String error, long durationMs) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.TOOL_CALL_END;
        }

        public boolean failed() {
            return error != null;
        }
    }

    record SteeringInjected(String sessionId, Instant timestamp, String content) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.STEERING_INJECTED;
        }
    }

    /** A limit stopped the loop: {@code limit} is {@code max_tool_rounds_per_input} or {@code max_turns}. */
    record TurnLimit(String sessionId, Instant timestamp, String limit, int round, int totalTurns)
            implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.TURN_LIMIT;
        }
    }

    record LoopDetection(String sessionId, Instant timestamp, String message) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.LOOP_DETECTION;
        }
    }

    record Warning(String sessionId, Instant timestamp, String message) implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.WARNING;
        }
    }

    /** Something failed; {@code errorType} is the exception's simple class name, {@code fatal} whether the session closed. */
    record Error(String sessionId, Instant timestamp, String message, String errorType, boolean fatal)
            implements AgentEvent {
        @Override
        public EventKind kind() {
            return EventKind.ERROR;
        }
    }
}
