package io.nightshift.llm.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.Json;
import io.nightshift.llm.Message;
import io.nightshift.llm.Request;
import io.nightshift.llm.Role;
import java.util.Iterator;
import java.util.Map;

/** Small translation helpers shared by the adapters. */
public final class Adapters {

    private Adapters() {
    }

    /** The text of all SYSTEM and DEVELOPER messages, in order, joined by blank lines; null when none. */
    public static String systemText(Request request) {
        StringBuilder out = new StringBuilder();
        for (Message m : request.messages()) {
            if (m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) {
                if (!out.isEmpty()) {
                    out.append("\n\n");
                }
                out.append(m.text());
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** Copies every field of {@code options} into {@code body} except the named ones; objects merge one level deep. */
    public static void mergeOptions(ObjectNode body, ObjectNode options, String... skip) {
        Iterator<Map.Entry<String, JsonNode>> fields = options.fields();
        outer:
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            for (String s : skip) {
                if (s.equals(f.getKey())) {
                    continue outer;
                }
            }
            JsonNode existing = body.get(f.getKey());
            if (existing instanceof ObjectNode target && f.getValue() instanceof ObjectNode source) {
                target.setAll(source.deepCopy());
            } else {
                body.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    /** The name of the tool call with {@code id} among the request's assistant messages, or null. */
    public static String toolNameFor(Request request, String id) {
        for (Message m : request.messages()) {
            for (ContentPart p : m.content()) {
                if (p instanceof ContentPart.ToolCallPart call && call.call().id().equals(id)) {
                    return call.call().name();
                }
            }
        }
        return null;
    }

    /** The system-prompt paragraph that asks for JSON matching {@code schema} (providers without native support). */
    public static String jsonInstruction(JsonNode schema) {
        return schema == null ? "Respond with a single JSON value and nothing else."
                : "Respond with a single JSON value that conforms to this JSON Schema, and nothing else:\n" + schema;
    }

    public static ObjectNode object() {
        return Json.object();
    }

    /** Rough token estimate (4 characters a token), for counts providers do not report. */
    public static long estimateTokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** A tool call from its raw argument string; unparseable arguments leave an empty object and keep the raw text. */
    public static io.nightshift.llm.ToolCall toolCall(String id, String name, String raw, String signature) {
        String text = raw == null || raw.isBlank() ? "{}" : raw;
        JsonNode args = Json.parseOrNull(text);
        return new io.nightshift.llm.ToolCall(id, name, args != null && args.isObject() ? args : Json.object(),
                raw == null ? "" : raw, signature);
    }
}
