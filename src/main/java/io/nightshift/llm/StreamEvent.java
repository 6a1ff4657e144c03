package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The unified stream protocol (unified-llm-spec 3.13, 3.14). Text, reasoning and tool calls each follow
 * start / delta / end keyed by an id; the end event carries the finished value. A stream ends with exactly
 * one {@link Finish} (carrying the accumulated response) or one {@link Error}.
 */
public sealed interface StreamEvent {

    record StreamStart(String responseId, String model, List<Warning> warnings) implements StreamEvent {
    }

    record TextStart(String textId) implements StreamEvent {
    }

    record TextDelta(String textId, String delta) implements StreamEvent {
    }

    record TextEnd(String textId, String text) implements StreamEvent {
    }

    record ReasoningStart(String reasoningId) implements StreamEvent {
    }

    record ReasoningDelta(String reasoningId, String delta) implements StreamEvent {
    }

    /** The finished reasoning segment: its text and signature, or (when redacted) the opaque data in {@code text}. */
    record ReasoningEnd(String reasoningId, String text, String signature, boolean redacted) implements StreamEvent {
    }

    record ToolCallStart(String callId, String name) implements StreamEvent {
    }

    /** A fragment of the argument JSON; fragments concatenate to {@link ToolCallEnd#call()}'s raw arguments. */
    record ToolCallDelta(String callId, String argumentsDelta) implements StreamEvent {
    }

    record ToolCallEnd(ToolCall call) implements StreamEvent {
    }

    record Finish(FinishReason finishReason, Usage usage, Response response) implements StreamEvent {
    }

    /** A failure after the stream had started; always the last event. */
    record Error(LlmException error) implements StreamEvent {
    }

    /** A provider event that has no unified meaning, passed through for callers who want it. */
    record ProviderEvent(String type, JsonNode raw) implements StreamEvent {
    }

    /** High-level streams only: one model call and its tool executions finished; another step follows. */
    record StepFinish(StepResult step) implements StreamEvent {
    }
}
