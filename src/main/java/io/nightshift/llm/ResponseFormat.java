package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** The requested output shape (unified-llm-spec 3.10); {@code schema} is set only for JSON_SCHEMA. */
public record ResponseFormat(Type type, JsonNode schema, boolean strict) {

    public enum Type { TEXT, JSON, JSON_SCHEMA }

    public ResponseFormat {
        if ((type == Type.JSON_SCHEMA) != (schema != null)) {
            throw new IllegalArgumentException("a schema is required for, and only for, the JSON_SCHEMA response format");
        }
    }

    public static ResponseFormat jsonSchema(JsonNode schema, boolean strict) {
        return new ResponseFormat(Type.JSON_SCHEMA, schema, strict);
    }

    public static ResponseFormat json() {
        return new ResponseFormat(Type.JSON, null, false);
    }
}
