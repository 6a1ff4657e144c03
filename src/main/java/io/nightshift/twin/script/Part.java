package io.nightshift.twin.script;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One piece of a scripted assistant answer, rendered in each provider's own shape (docs/twin.md, "content").
 * The {@code type} field selects the variant.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Part.Text.class, name = "text"),
        @JsonSubTypes.Type(value = Part.ToolCall.class, name = "tool_call"),
        @JsonSubTypes.Type(value = Part.Thinking.class, name = "thinking"),
        @JsonSubTypes.Type(value = Part.RedactedThinking.class, name = "redacted_thinking")})
public sealed interface Part {

    /** Visible text. */
    record Text(String text) implements Part {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("a text part needs 'text'");
            }
        }
    }

    /**
     * A function call. {@code id} is generated in the provider's style when absent. {@code arguments} is a JSON
     * object, or a string sent verbatim as the argument text (to feed malformed JSON to a client).
     * {@code signature} becomes Gemini's {@code thoughtSignature} on the functionCall part; others ignore it.
     * In the {@code tool_calls} shorthand the {@code type} field may be left out.
     */
    @JsonTypeName("tool_call")
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = ToolCall.class)
    record ToolCall(String id, String name, JsonNode arguments, String signature) implements Part {
        public ToolCall {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a tool call needs 'name'");
            }
            if (arguments != null && !arguments.isObject() && !arguments.isTextual()) {
                throw new IllegalArgumentException("tool call '" + name
                        + "': 'arguments' must be a JSON object or a string of raw argument text");
            }
        }
    }

    /** Reasoning text with an optional signature (Anthropic thinking, OpenAI reasoning summary, Gemini thought). */
    record Thinking(String thinking, String signature) implements Part {
        public Thinking {
            if (thinking == null) {
                throw new IllegalArgumentException("a thinking part needs 'thinking'");
            }
        }
    }

    /** Opaque reasoning (Anthropic redacted_thinking, OpenAI encrypted reasoning). */
    record RedactedThinking(String data) implements Part {
        public RedactedThinking {
            if (data == null) {
                throw new IllegalArgumentException("a redacted_thinking part needs 'data'");
            }
        }
    }
}
