package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds stream events into the message a non-streaming call would return (unified-llm-spec 4.4). Parts keep
 * the order in which their start events arrived. Not thread-safe.
 */
public final class StreamAccumulator {

    private final Map<String, Object> parts = new LinkedHashMap<>();

    public void process(StreamEvent event) {
        switch (event) {
            case StreamEvent.TextStart e -> parts.putIfAbsent("t:" + e.textId(), new StringBuilder());
            case StreamEvent.TextDelta e -> ((StringBuilder) parts.computeIfAbsent("t:" + e.textId(),
                    k -> new StringBuilder())).append(e.delta());
            case StreamEvent.TextEnd e -> parts.put("t:" + e.textId(), new ContentPart.Text(e.text()));
            case StreamEvent.ReasoningStart e -> parts.putIfAbsent("r:" + e.reasoningId(), new StringBuilder());
            case StreamEvent.ReasoningDelta e -> ((StringBuilder) parts.computeIfAbsent("r:" + e.reasoningId(),
                    k -> new StringBuilder())).append(e.delta());
            case StreamEvent.ReasoningEnd e -> parts.put("r:" + e.reasoningId(), e.redacted()
                    ? new ContentPart.RedactedThinking(e.text()) : new ContentPart.Thinking(e.text(), e.signature()));
            case StreamEvent.ToolCallStart e -> parts.putIfAbsent("c:" + e.callId(), new StringBuilder());
            case StreamEvent.ToolCallDelta e -> ((StringBuilder) parts.computeIfAbsent("c:" + e.callId(),
                    k -> new StringBuilder())).append(e.argumentsDelta());
            case StreamEvent.ToolCallEnd e -> parts.put("c:" + e.call().id(), new ContentPart.ToolCallPart(e.call()));
            case StreamEvent.StreamStart e -> { }
            case StreamEvent.Finish e -> { }
            case StreamEvent.Error e -> { }
            case StreamEvent.ProviderEvent e -> { }
            case StreamEvent.StepFinish e -> { }
        }
    }

    /** The assistant message so far; unfinished text and reasoning segments are included as they stand. */
    public Message message() {
        List<ContentPart> content = new ArrayList<>();
        for (Map.Entry<String, Object> entry : parts.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof ContentPart part) {
                content.add(part);
            } else if (entry.getKey().startsWith("t:")) {
                content.add(new ContentPart.Text(value.toString()));
            } else if (entry.getKey().startsWith("r:")) {
                content.add(new ContentPart.Thinking(value.toString(), null));
            }
        }
        return new Message(Role.ASSISTANT, content);
    }

    public Response response(String id, String model, String provider, FinishReason reason, Usage usage,
                             JsonNode raw, List<Warning> warnings, RateLimitInfo rateLimit) {
        return new Response(id, model, provider, message(), reason, usage, raw, warnings, rateLimit);
    }
}
