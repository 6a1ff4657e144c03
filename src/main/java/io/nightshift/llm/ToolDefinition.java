package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the model sees of a tool (unified-llm-spec 5.1): a name valid for every provider, a description and a
 * JSON Schema whose root is an object. Validated at construction.
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name
                    + "' is invalid: use a letter then letters, digits or underscores, at most 64 characters");
        }
        description = description == null ? "" : description;
        if (parameters == null) {
            parameters = Json.object().put("type", "object").set("properties", Json.object());
        }
        if (!"object".equals(parameters.path("type").asText())) {
            throw new IllegalArgumentException("tool '" + name + "': the parameters schema must have \"type\": \"object\" at its root");
        }
    }
}
