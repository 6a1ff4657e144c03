package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads validated tool arguments; optional values fall back to defaults. */
public final class Arguments {

    private Arguments() {
    }

    public static String string(JsonNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            throw new ToolFailure("missing required argument '" + name + "'");
        }
        return value.asText();
    }

    public static String optionalString(JsonNode args, String name) {
        JsonNode value = args.get(name);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    public static Integer optionalInt(JsonNode args, String name) {
        JsonNode value = args.get(name);
        return value == null || value.isNull() ? null : value.asInt();
    }

    public static boolean flag(JsonNode args, String name) {
        JsonNode value = args.get(name);
        return value != null && value.asBoolean(false);
    }
}
