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

/** Anthropic Messages API, {@code POST /v1/messages} (unified-llm-spec 7.3, 7.7 "Anthropic Streaming"). */
public final class AnthropicDialect implements Dialect {

    @Override
    public Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    public Optional<WireError> authenticate(Call call, String expectedKey) {
        String key = call.headers().get("x-api-key");
        if (key == null || key.isBlank()) {
            return Optional.of(WireError.of(401, "x-api-key header is required"));
        }
        if (!Dialect.keyMatches(key, expectedKey)) {
            return Optional.of(WireError.of(401, "invalid x-api-key"));
        }
        if (call.headers().get("anthropic-version") == null) {
            return Optional.of(WireError.of(400, "anthropic-version: header is required"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<WireError> validate(Call call) {
        return AnthropicValidation.validate(call.body());
    }

    @Override
    public RequestFacts facts(Call call) {
        List<JsonNode> messages = Json.items(call.body(), "messages");
        int assistants = 0;
        String lastUser = "";
        String lastResult = "";
        for (JsonNode message : messages) {
            if (Json.text(message, "role").equals("assistant")) {
                assistants++;
                continue;
            }
            JsonNode content = message.get("content");
            if (content != null && content.isTextual()) {
                lastUser = content.asText();
                continue;
            }
            StringBuilder text = new StringBuilder();
            StringBuilder results = new StringBuilder();
            for (JsonNode block : Json.items(message, "content")) {
                switch (Json.text(block, "type")) {
                    case "text" -> Json.appendLine(text, Json.text(block, "text"));
                    case "tool_result" -> Json.appendLine(results, Json.allText(block.get("content")));
                    default -> { }
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
        Json.items(call.body(), "tools").forEach(t -> tools.add(Json.text(t, "name")));
        return new RequestFacts(provider(), call.seq(), model(call), streams(call), assistants, lastUser, lastResult,
                tools);
    }

    @Override
    public boolean streams(Call call) {
        return call.body().path("stream").asBoolean(false);
    }

    @Override
    public String model(Call call) {
        return Json.text(call.body(), "model");
    }

    @Override
    public String defaultErrorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
    }

    @Override
    public String errorBody(WireError error) {
        ObjectNode body = Json.object().put("type", "error");
        body.set("error", errorObject(error));
        body.put("request_id", "req_twin");
        return Json.write(body);
    }

    private ObjectNode errorObject(WireError error) {
        return Json.object()
                .put("type", error.type() != null ? error.type() : defaultErrorType(error.status()))
                .put("message", error.message());
    }

    @Override
    public String complete(Answer answer) {
        ObjectNode message = messageShell(answer);
        ArrayNode content = message.putArray("content");
        for (Part part : answer.parts()) {
            content.add(block(part, answer, false));
        }
        message.put("stop_reason", stopReason(answer.finish()));
        message.putNull("stop_sequence");
        message.set("usage", usage(answer.tokens(), answer.tokens().output()));
        return Json.write(message);
    }

    private ObjectNode messageShell(Answer answer) {
        ObjectNode message = Json.object()
                .put("id", answer.ids().next("msg_01", 22))
                .put("type", "message")
                .put("role", "assistant")
                .put("model", answer.model());
        return message;
    }

    private static ObjectNode usage(Tokens tokens, int output) {
        return Json.object()
                .put("input_tokens", tokens.input())
                .put("cache_creation_input_tokens", tokens.cacheWrite())
                .put("cache_read_input_tokens", tokens.cacheRead())
                .put("output_tokens", output);
    }

    private static String stopReason(Finish finish) {
        return switch (finish) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** A content block; {@code opening} gives the empty form that starts a streamed block. */
    private ObjectNode block(Part part, Answer answer, boolean opening) {
        return switch (part) {
            case Part.Text t -> Json.object().put("type", "text").put("text", opening ? "" : t.text());
            case Part.ToolCall c -> {
                ObjectNode block = Json.object().put("type", "tool_use")
                        .put("id", c.id() != null ? c.id() : answer.ids().next("toolu_01", 22))
                        .put("name", c.name());
                block.set("input", opening ? Json.object() : Json.argumentObject(c));
                yield block;
            }
            case Part.Thinking t -> Json.object().put("type", "thinking").put("thinking", opening ? "" : t.thinking())
                    .put("signature", opening ? "" : signature(t, answer));
            case Part.RedactedThinking r -> Json.object().put("type", "redacted_thinking").put("data", r.data());
        };
    }

    private static String signature(Part.Thinking thinking, Answer answer) {
        return thinking.signature() != null ? thinking.signature() : answer.ids().next("EqQBCkYIBxgCKkD", 48);
    }

    @Override
    public List<SseEvent> stream(Answer answer, int chunkChars) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode shell = messageShell(answer);
        shell.putArray("content");
        shell.putNull("stop_reason");
        shell.putNull("stop_sequence");
        shell.set("usage", usage(answer.tokens(), 1));
        ObjectNode start = Json.object().put("type", "message_start");
        start.set("message", shell);
        events.add(event(start));
        for (int index = 0; index < answer.parts().size(); index++) {
            Part part = answer.parts().get(index);
            // The id generated for the opening block must be the one the client sees; render once.
            ObjectNode opening = block(part, answer, true);
            if (part instanceof Part.Thinking) {
                opening.remove("signature");
            }
            events.add(event(Json.object().put("type", "content_block_start").put("index", index)
                    .set("content_block", opening)));
            for (ObjectNode delta : deltas(part, answer, chunkChars)) {
                events.add(event(Json.object().put("type", "content_block_delta").put("index", index)
                        .set("delta", delta)));
            }
            events.add(event(Json.object().put("type", "content_block_stop").put("index", index)));
        }
        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.set("delta", Json.object().put("stop_reason", stopReason(answer.finish())).putNull("stop_sequence"));
        messageDelta.set("usage", Json.object().put("output_tokens", answer.tokens().output()));
        events.add(event(messageDelta));
        events.add(event(Json.object().put("type", "message_stop")));
        return events;
    }

    private List<ObjectNode> deltas(Part part, Answer answer, int chunkChars) {
        List<ObjectNode> out = new ArrayList<>();
        switch (part) {
            case Part.Text t -> Json.chunks(t.text(), chunkChars)
                    .forEach(c -> out.add(Json.object().put("type", "text_delta").put("text", c)));
            case Part.ToolCall c -> {
                out.add(Json.object().put("type", "input_json_delta").put("partial_json", ""));
                Json.chunks(Json.argumentText(c), chunkChars)
                        .forEach(s -> out.add(Json.object().put("type", "input_json_delta").put("partial_json", s)));
            }
            case Part.Thinking t -> {
                Json.chunks(t.thinking(), chunkChars)
                        .forEach(c -> out.add(Json.object().put("type", "thinking_delta").put("thinking", c)));
                out.add(Json.object().put("type", "signature_delta").put("signature", signature(t, answer)));
            }
            case Part.RedactedThinking r -> { }
        }
        return out;
    }

    /** A ping, sent after message_start like the real API. */
    public static SseEvent ping() {
        return new SseEvent("ping", "{\"type\": \"ping\"}");
    }

    private static SseEvent event(ObjectNode data) {
        return new SseEvent(data.get("type").asText(), Json.write(data));
    }

    @Override
    public List<SseEvent> streamError(WireError error) {
        ObjectNode data = Json.object().put("type", "error");
        data.set("error", Json.object()
                .put("type", error.type() != null ? error.type() : "overloaded_error")
                .put("message", error.message()));
        return List.of(event(data));
    }
}
