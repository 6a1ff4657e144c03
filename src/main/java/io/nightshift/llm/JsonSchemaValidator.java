package io.nightshift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates JSON against the subset of JSON Schema that tool and output schemas use: {@code type} (one name or
 * a list), {@code properties}, {@code required}, {@code enum}, {@code const}, {@code items},
 * {@code additionalProperties} (false or a schema). Other keywords are ignored, so a value is never rejected
 * for a rule this validator does not know. Problems are reported with JSON-pointer-like paths ({@code $.a[0]}).
 */
public final class JsonSchemaValidator {

    private JsonSchemaValidator() {
    }

    /** Every problem found; empty when {@code value} conforms. */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "$", problems);
        return problems;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            boolean ok = false;
            if (type.isArray()) {
                for (JsonNode t : type) {
                    ok |= hasType(value, t.asText());
                }
            } else {
                ok = hasType(value, type.asText());
            }
            if (!ok) {
                problems.add(path + ": expected " + (type.isArray() ? "one of " + type : type.asText()) + " but got "
                        + describe(value));
                return;
            }
        }
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && enumValues.isArray()) {
            boolean found = false;
            for (JsonNode allowed : enumValues) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + enumValues);
            }
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(path + ": must be " + schema.get("const"));
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(path + ": missing required property '" + name.asText() + "'");
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path + "." + field.getKey();
                if (properties.has(field.getKey())) {
                    check(properties.get(field.getKey()), field.getValue(), childPath, problems);
                } else {
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                        problems.add(path + ": unexpected property '" + field.getKey() + "'");
                    } else if (additional != null && additional.isObject()) {
                        check(additional, field.getValue(), childPath, problems);
                    }
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
