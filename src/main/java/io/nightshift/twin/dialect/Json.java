package io.nightshift.twin.dialect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.twin.script.Part;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers shared by the dialects (the twin's own; nothing is shared with the llm adapters). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Parses JSON text, or returns {@code null} when it is not JSON. */
    public static JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The text of a string field, or "" when absent or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    /** Children of an array field, or an empty list. */
    public static List<JsonNode> items(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    /** Every string value inside a node, depth first, joined by newlines (for "contains" matching). */
    public static String allText(JsonNode node) {
        StringBuilder out = new StringBuilder();
        collect(node, out);
        return out.toString();
    }

    private static void collect(JsonNode node, StringBuilder out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }

    /** Appends {@code text}, separated from earlier text by a newline. */
    public static void appendLine(StringBuilder out, String text) {
        if (!out.isEmpty() && !text.isEmpty()) {
            out.append('\n');
        }
        out.append(text);
    }

    /** A scripted call's argument text: the object serialized, or a scripted string verbatim. */
    public static String argumentText(Part.ToolCall call) {
        if (call.arguments() == null) {
            return "{}";
        }
        return call.arguments().isTextual() ? call.arguments().asText() : write(call.arguments());
    }

    /** A scripted call's arguments as an object; unparseable argument text becomes {@code {}}. */
    public static JsonNode argumentObject(Part.ToolCall call) {
        if (call.arguments() == null) {
            return object();
        }
        if (call.arguments().isObject()) {
            return call.arguments();
        }
        JsonNode parsed = parseOrNull(call.arguments().asText());
        return parsed != null && parsed.isObject() ? parsed : object();
    }

    /** Splits text into pieces of at most {@code size} code points (never inside a surrogate pair). */
    public static List<String> chunks(String text, int size) {
        List<String> out = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        for (int i = 0; i < cps.length; i += size) {
            out.add(new String(cps, i, Math.min(size, cps.length - i)));
        }
        return out;
    }
}
