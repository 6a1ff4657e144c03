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
 * OpenAI-compatible Chat Completions, {@code POST /v1/chat/completions} (unified-llm-spec 7.10). Thinking is
 * sent as {@code reasoning_content}, as vLLM and similar servers do.
 */
public final class ChatCompletionsDialect implements Dialect {

    @Override
    public Provider provider() {
        return Provider.OPENAI_CHAT;
    }

    @Override
    public Optional<WireError> authenticate(Call call, String expectedKey) {
        return OpenAiErrors.bearer(call, expectedKey);
    }

    @Override
    public Optional<WireError> validate(Call call) {
        JsonNode body = call.body();
        Optional<WireError> noModel = OpenAiErrors.missingModel(body);
        if (noModel.isPresent()) {
            return noModel;
        }
        List<JsonNode> messages = Json.items(body, "messages");
        if (messages.isEmpty()) {
            return Optional.of(new WireError(400, "missing_required_parameter",
                    "Missing required parameter: 'messages'.", "messages", null));
        }
        Set<String> open = new LinkedHashSet<>();
        int openedAt = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = Json.text(message, "role");
            if (role.equals("tool")) {
                if (!open.remove(Json.text(message, "tool_call_id"))) {
                    return Optional.of(new WireError(400, null, "Invalid parameter: messages with role 'tool' must"
                            + " answer a tool call of the preceding message with 'tool_calls'.",
                            "messages.[" + i + "].role", null));
                }
                continue;
            }
            if (!open.isEmpty()) {
                return unanswered(openedAt, open);
            }
            for (JsonNode toolCall : Json.items(message, "tool_calls")) {
                open.add(Json.text(toolCall, "id"));
                openedAt = i;
            }
        }
        if (!open.isEmpty()) {
            return unanswered(openedAt, open);
        }
        List<JsonNode> tools = Json.items(body, "tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode function = tools.get(i).path("function");
            if (function.has("parameters") && !Dialect.isObjectSchema(function.get("parameters"))) {
                return Optional.of(new WireError(400, "invalid_function_parameters", "Invalid schema for function '"
                        + Json.text(function, "name") + "': the schema root must be 'type: \"object\"'.",
                        "tools[" + i + "].function.parameters", null));
            }
        }
        return Optional.empty();
    }

    private static Optional<WireError> unanswered(int index, Set<String> ids) {
        return Optional.of(new WireError(400, null, "An assistant message with 'tool_calls' must be followed by tool"
                + " messages answering each 'tool_call_id'. Unanswered: " + String.join(", ", ids),
                "messages.[" + index + "].role", null));
    }

    @Override
    public RequestFacts facts(Call call) {
        int assistants = 0;
        String lastUser = "";
        String lastResult = "";
        boolean inResults = false;
        for (JsonNode message : Json.items(call.body(), "messages")) {
            String role = Json.text(message, "role");
            if (role.equals("tool")) {
                String text = Json.allText(message.get("content"));
                lastResult = inResults ? lastResult + "\n" + text : text;
                inResults = true;
                continue;
            }
            inResults = false;
            if (role.equals("assistant")) {
                assistants++;
            } else if (role.equals("user")) {
                String text = Json.allText(message.get("content"));
                if (!text.isEmpty()) {
                    lastUser = text;
                }
            }
        }
        Set<String> tools = new LinkedHashSet<>();
        Json.items(call.body(), "tools").forEach(t -> tools.add(Json.text(t.path("function"), "name")));
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
        return OpenAiErrors.defaultType(status);
    }

    @Override
    public String errorBody(WireError error) {
        return OpenAiErrors.body(error);
    }

    private static String finishReason(Finish finish) {
        return switch (finish) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    private static ObjectNode usage(Tokens t) {
        ObjectNode usage = Json.object().put("prompt_tokens", t.input()).put("completion_tokens", t.output())
                .put("total_tokens", t.input() + t.output());
        usage.putObject("prompt_tokens_details").put("cached_tokens", t.cacheRead());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", t.reasoning());
        return usage;
    }

    private static ObjectNode envelope(Answer answer, String id, String object) {
        return Json.object().put("id", id).put("object", object).put("created", System.currentTimeMillis() / 1000)
                .put("model", answer.model());
    }

    private static List<ObjectNode> toolCalls(Answer answer) {
        List<ObjectNode> calls = new ArrayList<>();
        for (Part part : answer.parts()) {
            if (part instanceof Part.ToolCall c) {
                ObjectNode call = Json.object().put("id", c.id() != null ? c.id() : answer.ids().next("call_", 24))
                        .put("type", "function");
                call.putObject("function").put("name", c.name()).put("arguments", Json.argumentText(c));
                calls.add(call);
            }
        }
        return calls;
    }

    private static String joined(Answer answer, boolean thinking) {
        StringBuilder out = new StringBuilder();
        for (Part part : answer.parts()) {
            switch (part) {
                case Part.Text t -> out.append(thinking ? "" : t.text());
                case Part.Thinking t -> out.append(thinking ? t.thinking() : "");
                case Part.ToolCall c -> { }
                case Part.RedactedThinking r -> { }
            }
        }
        return out.toString();
    }

    @Override
    public String complete(Answer answer) {
        ObjectNode body = envelope(answer, answer.ids().next("chatcmpl-", 29), "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String text = joined(answer, false);
        List<ObjectNode> calls = toolCalls(answer);
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        String reasoning = joined(answer, true);
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        if (!calls.isEmpty()) {
            message.putArray("tool_calls").addAll(calls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(answer.finish()));
        body.set("usage", usage(answer.tokens()));
        return Json.write(body);
    }

    @Override
    public List<SseEvent> stream(Answer answer, int chunkChars) {
        String id = answer.ids().next("chatcmpl-", 29);
        List<SseEvent> events = new ArrayList<>();
        events.add(chunk(answer, id, Json.object().put("role", "assistant").put("content", ""), null));
        int toolIndex = 0;
        List<ObjectNode> calls = toolCalls(answer);
        for (Part part : answer.parts()) {
            switch (part) {
                case Part.Text t -> Json.chunks(t.text(), chunkChars)
                        .forEach(c -> events.add(chunk(answer, id, Json.object().put("content", c), null)));
                case Part.Thinking t -> Json.chunks(t.thinking(), chunkChars)
                        .forEach(c -> events.add(chunk(answer, id, Json.object().put("reasoning_content", c), null)));
                case Part.ToolCall c -> {
                    ObjectNode full = calls.get(toolIndex);
                    ObjectNode first = Json.object().put("index", toolIndex).put("id", full.get("id").asText())
                            .put("type", "function");
                    first.putObject("function").put("name", c.name()).put("arguments", "");
                    events.add(chunk(answer, id, toolDelta(first), null));
                    for (String piece : Json.chunks(Json.argumentText(c), chunkChars)) {
                        ObjectNode more = Json.object().put("index", toolIndex);
                        more.putObject("function").put("arguments", piece);
                        events.add(chunk(answer, id, toolDelta(more), null));
                    }
                    toolIndex++;
                }
                case Part.RedactedThinking r -> { }
            }
        }
        events.add(chunk(answer, id, Json.object(), finishReason(answer.finish())));
        if (answer.request().path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode usageChunk = envelope(answer, id, "chat.completion.chunk");
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(answer.tokens()));
            events.add(new SseEvent(null, Json.write(usageChunk)));
        }
        events.add(new SseEvent(null, "[DONE]"));
        return events;
    }

    private static ObjectNode toolDelta(ObjectNode call) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(call);
        return delta;
    }

    private static SseEvent chunk(Answer answer, String id, ObjectNode delta, String finish) {
        ObjectNode body = envelope(answer, id, "chat.completion.chunk");
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return new SseEvent(null, Json.write(body));
    }

    @Override
    public List<SseEvent> streamError(WireError error) {
        return List.of(new SseEvent(null, OpenAiErrors.body(error.type() != null ? error
                : new WireError(error.status(), "server_error", error.message(), null, null))));
    }
}
