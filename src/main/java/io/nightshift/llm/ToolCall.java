package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A tool invocation requested by the model (unified-llm-spec 3.5 ToolCallData, 5.4 ToolCall).
 *
 * @param id           provider-assigned id, or a synthetic {@code call_...} id for providers without ids (Gemini)
 * @param arguments    parsed arguments; an empty object when they did not parse (see {@code rawArguments})
 * @param rawArguments the argument string exactly as the model produced it
 * @param signature    an opaque provider token that must accompany the call when it is sent back
 *                     (Gemini's {@code thoughtSignature}); null for most providers
 */
public record ToolCall(String id, String name, JsonNode arguments, String rawArguments, String signature) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? Json.MAPPER.createObjectNode() : arguments;
        rawArguments = rawArguments == null ? arguments.toString() : rawArguments;
    }

    public ToolCall(String id, String name, JsonNode arguments) {
        this(id, name, arguments, null, null);
    }
}
