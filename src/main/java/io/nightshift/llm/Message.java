package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Objects;

/** One conversation turn (unified-llm-spec 3.1). */
public record Message(Role role, List<ContentPart> content, String name, String toolCallId) {

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    public Message(Role role, List<ContentPart> content) {
        this(role, content, null, null);
    }

    public static Message system(String text) {
        return new Message(Role.SYSTEM, List.of(new ContentPart.Text(text)));
    }

    public static Message developer(String text) {
        return new Message(Role.DEVELOPER, List.of(new ContentPart.Text(text)));
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new ContentPart.Text(text)));
    }

    public static Message user(ContentPart... parts) {
        return new Message(Role.USER, List.of(parts));
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new ContentPart.Text(text)));
    }

    public static Message toolResult(String toolCallId, String content, boolean isError) {
        return toolResult(toolCallId, TextNode.valueOf(content), isError);
    }

    public static Message toolResult(String toolCallId, JsonNode content, boolean isError) {
        return new Message(Role.TOOL, List.of(new ContentPart.ToolResultPart(toolCallId, content, isError, null, null)),
                null, toolCallId);
    }

    /** The concatenated text parts; empty when there are none. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ContentPart part : content) {
            if (part instanceof ContentPart.Text t) {
                out.append(t.text());
            }
        }
        return out.toString();
    }

    /** The tool calls in this message, in order. */
    public List<ToolCall> toolCalls() {
        return content.stream().filter(p -> p instanceof ContentPart.ToolCallPart)
                .map(p -> ((ContentPart.ToolCallPart) p).call()).toList();
    }
}
