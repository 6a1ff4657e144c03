package io.nightshift.twin.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the twin answers to a matched request (docs/twin.md, "reply"). Exactly one kind: content (the
 * {@code content} list, or the shorthands {@code thinking}, {@code text}, {@code tool_calls}, which expand
 * in that order), {@code error}, {@code raw} or {@code hang}.
 *
 * @param finishReason defaults to {@code tool_calls} when the answer calls tools, else {@code stop}
 * @param delayMs      pause before the first byte of the answer
 * @param headers      extra response headers (e.g. {@code x-ratelimit-remaining-requests})
 * @param hang         accept the request and never answer (until the client gives up or the twin closes)
 */
public record Reply(String text, String thinking, List<Part.ToolCall> toolCalls, List<Part> content,
        Finish finishReason, UsageSpec usage, ErrorSpec error, StreamSpec stream, Long delayMs,
        Map<String, String> headers, Boolean hang, RawReply raw) {

    public Reply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        content = content == null ? List.of() : List.copyOf(content);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        stream = stream == null ? StreamSpec.defaults() : stream;
        boolean shorthand = text != null || thinking != null || !toolCalls.isEmpty();
        if (shorthand && !content.isEmpty()) {
            throw new IllegalArgumentException("a reply has either 'content' or the shorthands 'text', 'thinking',"
                    + " 'tool_calls', not both");
        }
        boolean hasContent = shorthand || !content.isEmpty();
        int kinds = (hasContent ? 1 : 0) + (error != null ? 1 : 0) + (raw != null ? 1 : 0)
                + (Boolean.TRUE.equals(hang) ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("a reply needs exactly one of: text/thinking/tool_calls/content,"
                    + " error, raw, hang (found " + kinds + ")");
        }
        if (delayMs != null && delayMs < 0) {
            throw new IllegalArgumentException("delay_ms must not be negative");
        }
    }

    /** A plain text answer. */
    public static Reply ofText(String text) {
        return new Reply(text, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** An error answer. */
    public static Reply ofError(int status, String message) {
        return new Reply(null, null, null, null, null, null, new ErrorSpec(status, null, message, null), null,
                null, null, null, null);
    }

    /** A recorded answer to replay verbatim. */
    public static Reply ofRaw(RawReply raw) {
        return new Reply(null, null, null, null, null, null, null, null, null, null, null, raw);
    }

    /** The answer's parts in order; empty for error, raw and hang replies. */
    public List<Part> parts() {
        if (!content.isEmpty()) {
            return content;
        }
        List<Part> parts = new ArrayList<>();
        if (thinking != null) {
            parts.add(new Part.Thinking(thinking, null));
        }
        if (text != null) {
            parts.add(new Part.Text(text));
        }
        parts.addAll(toolCalls);
        return parts;
    }

    public boolean hangs() {
        return Boolean.TRUE.equals(hang);
    }

    /** The finish reason to report: the scripted one, else inferred from the parts. */
    public Finish finish() {
        if (finishReason != null) {
            return finishReason;
        }
        return parts().stream().anyMatch(p -> p instanceof Part.ToolCall) ? Finish.TOOL_CALLS : Finish.STOP;
    }
}
