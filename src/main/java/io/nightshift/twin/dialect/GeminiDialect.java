package io.nightshift.twin.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.twin.Provider;
import io.nightshift.twin.script.Finish;
import io.nightshift.twin.script.Part;
import io.nightshift.twin.script.RequestFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gemini API, {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent}
 * (unified-llm-spec 7.3, 7.7 "Gemini Streaming"). Accepts both camelCase and snake_case field names, as the
 * real API does. A missing or wrong key answers 401 UNAUTHENTICATED.
 */
public final class GeminiDialect implements Dialect {

    @Override
    public Provider provider() {
        return Provider.GEMINI;
    }

    @Override
    public Optional<WireError> authenticate(Call call, String expectedKey) {
        String key = call.headers().get("x-goog-api-key");
        if (key == null) {
            key = call.query().get("key");
        }
        if (key == null || key.isBlank()) {
            return Optional.of(WireError.of(401, "No API key was provided: send it in the x-goog-api-key header or"
                    + " the key query parameter."));
        }
        if (!Dialect.keyMatches(key, expectedKey)) {
            return Optional.of(WireError.of(401, "API key not valid. Please pass a valid API key."));
        }
        return Optional.empty();
    }

    private static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode value = node.get(camel);
        return value != null ? value : node.get(snake);
    }

    private static List<JsonNode> list(JsonNode node, String camel, String snake) {
        JsonNode value = field(node, camel, snake);
        List<JsonNode> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    @Override
    public Optional<WireError> validate(Call call) {
        List<JsonNode> contents = Json.items(call.body(), "contents");
        if (contents.isEmpty()) {
            return Optional.of(WireError.of(400, "* GenerateContentRequest.contents: contents is not specified"));
        }
        for (int i = 0; i < contents.size(); i++) {
            JsonNode content = contents.get(i);
            String role = Json.text(content, "role");
            if (!role.isEmpty() && !role.equals("user") && !role.equals("model")) {
                return Optional.of(WireError.of(400, "Please use a valid role: user, model."));
            }
            int responses = count(content, "functionResponse", "function_response");
            if (responses > 0) {
                int calls = i > 0 ? count(contents.get(i - 1), "functionCall", "function_call") : 0;
                if (calls == 0) {
                    return Optional.of(WireError.of(400, "Please ensure that function response turn comes immediately"
                            + " after a function call turn."));
                }
                if (calls != responses) {
                    return Optional.of(WireError.of(400, "Please ensure that the number of function response parts is"
                            + " equal to the number of function call parts of the function call turn."));
                }
            }
        }
        List<JsonNode> tools = Json.items(call.body(), "tools");
        for (int t = 0; t < tools.size(); t++) {
            List<JsonNode> declarations = list(tools.get(t), "functionDeclarations", "function_declarations");
            for (int d = 0; d < declarations.size(); d++) {
                JsonNode declaration = declarations.get(d);
                JsonNode schema = field(declaration, "parameters", "parameters_json_schema");
                if (schema == null) {
                    schema = declaration.get("parametersJsonSchema");
                }
                if (schema != null && !Dialect.isObjectSchema(schema)) {
                    return Optional.of(WireError.of(400, "* GenerateContentRequest.tools[" + t
                            + "].function_declarations[" + d + "].parameters.type: the root of a function's"
                            + " parameters must be OBJECT"));
                }
            }
        }
        return Optional.empty();
    }

    private static int count(JsonNode content, String camel, String snake) {
        int n = 0;
        for (JsonNode part : Json.items(content, "parts")) {
            if (field(part, camel, snake) != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public RequestFacts facts(Call call) {
        int models = 0;
        String lastUser = "";
        String lastResult = "";
        for (JsonNode content : Json.items(call.body(), "contents")) {
            if (Json.text(content, "role").equals("model")) {
                models++;
                continue;
            }
            StringBuilder text = new StringBuilder();
            StringBuilder results = new StringBuilder();
            for (JsonNode part : Json.items(content, "parts")) {
                JsonNode response = field(part, "functionResponse", "function_response");
                if (response != null) {
                    Json.appendLine(results, Json.allText(response.get("response")));
                } else if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                    Json.appendLine(text, part.get("text").asText());
                }
            }
            if (!text.isEmpty()) {
                lastUser = text.toString();
            }
            if (!results.isEmpty()) {
                lastResult = results.toString();
            }
        }
        Set<String> tools = new LinkedHashSet<>();
        for (JsonNode tool : Json.items(call.body(), "tools")) {
            list(tool, "functionDeclarations", "function_declarations").forEach(d -> tools.add(Json.text(d, "name")));
        }
        return new RequestFacts(provider(), call.seq(), model(call), streams(call), models, lastUser, lastResult, tools);
    }

    @Override
    public boolean streams(Call call) {
        return call.pathStream();
    }

    @Override
    public String model(Call call) {
        return call.pathModel();
    }

    @Override
    public String defaultErrorType(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503, 529 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
        };
    }

    @Override
    public String errorBody(WireError error) {
        ObjectNode body = Json.object();
        body.putObject("error").put("code", error.status()).put("message", error.message())
                .put("status", error.type() != null ? error.type() : defaultErrorType(error.status()));
        return Json.write(body);
    }

    private static String finishReason(Finish finish) {
        return switch (finish) {
            case STOP, TOOL_CALLS -> "STOP";
            case LENGTH -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    private static ObjectNode part(Part part) {
        return switch (part) {
            case Part.Text t -> Json.object().put("text", t.text());
            case Part.Thinking t -> {
                ObjectNode out = Json.object().put("text", t.thinking()).put("thought", true);
                if (t.signature() != null) {
                    out.put("thoughtSignature", t.signature());
                }
                yield out;
            }
            case Part.RedactedThinking r -> Json.object().put("text", "").put("thought", true)
                    .put("thoughtSignature", r.data());
            case Part.ToolCall c -> {
                ObjectNode out = Json.object();
                ObjectNode call = out.putObject("functionCall").put("name", c.name());
                call.set("args", Json.argumentObject(c));
                if (c.signature() != null) {
                    out.put("thoughtSignature", c.signature());
                }
                yield out;
            }
        };
    }

    /** Proto3 JSON leaves zero counts out; so does the twin. */
    private static ObjectNode usage(Tokens t, boolean complete) {
        ObjectNode usage = Json.object().put("promptTokenCount", t.input());
        if (complete) {
            usage.put("candidatesTokenCount", t.output());
        }
        usage.put("totalTokenCount", t.input() + (complete ? t.output() + t.reasoning() : 0));
        if (t.cacheRead() > 0) {
            usage.put("cachedContentTokenCount", t.cacheRead());
        }
        usage.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", t.input());
        if (complete && t.reasoning() > 0) {
            usage.put("thoughtsTokenCount", t.reasoning());
        }
        return usage;
    }

    private static ObjectNode response(Answer answer, String id, List<ObjectNode> parts, boolean last) {
        ObjectNode body = Json.object();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode partArray = content.putArray("parts");
        partArray.addAll(parts);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", finishReason(answer.finish()));
        }
        candidate.put("index", 0);
        body.set("usageMetadata", usage(answer.tokens(), last));
        body.put("modelVersion", answer.model());
        body.put("responseId", id);
        return body;
    }

    @Override
    public String complete(Answer answer) {
        List<ObjectNode> parts = answer.parts().stream().map(GeminiDialect::part).toList();
        return Json.write(response(answer, answer.ids().next("", 22), parts, true));
    }

    @Override
    public List<SseEvent> stream(Answer answer, int chunkChars) {
        String id = answer.ids().next("", 22);
        List<ObjectNode> pieces = new ArrayList<>();
        for (Part p : answer.parts()) {
            switch (p) {
                case Part.Text t -> Json.chunks(t.text(), chunkChars).forEach(c -> pieces.add(part(new Part.Text(c))));
                case Part.Thinking t -> {
                    List<String> chunks = new ArrayList<>(Json.chunks(t.thinking(), chunkChars));
                    if (chunks.isEmpty()) {
                        chunks.add("");
                    }
                    for (int i = 0; i < chunks.size(); i++) {
                        String signature = i == chunks.size() - 1 ? t.signature() : null;
                        pieces.add(part(new Part.Thinking(chunks.get(i), signature)));
                    }
                }
                case Part.ToolCall c -> pieces.add(part(c));
                case Part.RedactedThinking r -> pieces.add(part(r));
            }
        }
        if (pieces.isEmpty()) {
            pieces.add(Json.object().put("text", ""));
        }
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            events.add(new SseEvent(null, Json.write(response(answer, id, List.of(pieces.get(i)), last))));
        }
        return events;
    }

    @Override
    public List<SseEvent> streamError(WireError error) {
        return List.of(new SseEvent(null, errorBody(error.type() != null ? error
                : new WireError(error.status() == 400 ? 500 : error.status(), null, error.message(), null, null))));
    }
}
