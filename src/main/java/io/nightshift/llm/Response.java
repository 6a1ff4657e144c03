package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A finished generation (unified-llm-spec 3.7). {@code raw} is the provider's final JSON, for debugging. */
public record Response(String id, String model, String provider, Message message, FinishReason finishReason,
                       Usage usage, JsonNode raw, List<Warning> warnings, RateLimitInfo rateLimit) {

    public Response {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public String text() {
        return message.text();
    }

    public List<ToolCall> toolCalls() {
        return message.toolCalls();
    }

    /** The concatenated reasoning text, or null when the response carries none. */
    public String reasoning() {
        StringBuilder out = new StringBuilder();
        boolean any = false;
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Thinking t) {
                out.append(t.text());
                any = true;
            }
        }
        return any ? out.toString() : null;
    }
}
