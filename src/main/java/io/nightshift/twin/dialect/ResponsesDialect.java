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

/** OpenAI Responses API, {@code POST /v1/responses} (unified-llm-spec 7.3, 7.7 "OpenAI Streaming"). */
public final class ResponsesDialect implements Dialect {

    @Override
    public Provider provider() {
        return Provider.OPENAI;
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
        List<JsonNode> tools = Json.items(body, "tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (Json.text(tool, "type").equals("function") && tool.has("parameters")
                    && !Dialect.isObjectSchema(tool.get("parameters"))) {
                return Optional.of(new WireError(400, "invalid_function_parameters", "Invalid schema for function '"
                        + Json.text(tool, "name") + "': the schema root must be 'type: \"object\"', got 'type: \""
                        + Json.text(tool.get("parameters"), "type") + "\"'.", "tools[" + i + "].parameters", null));
            }
        }
        if (body.hasNonNull("previous_response_id")) {
            return Optional.empty();
        }
        Set<String> calls = new LinkedHashSet<>();
        Set<String> outputs = new LinkedHashSet<>();
        for (JsonNode item : Json.items(body, "input")) {
            switch (Json.text(item, "type")) {
                case "function_call" -> calls.add(Json.text(item, "call_id"));
                case "function_call_output" -> {
                    String id = Json.text(item, "call_id");
                    if (!calls.contains(id)) {
                        return Optional.of(new WireError(400, null, "No tool call found for function call output with"
                                + " call_id " + id + ".", "input", null));
                    }
                    outputs.add(id);
                }
                default -> { }
            }
        }
        for (String id : calls) {
            if (!outputs.contains(id)) {
                return Optional.of(new WireError(400, null, "No tool output found for function call " + id + ".",
                        "input", null));
            }
        }
        return Optional.empty();
    }

    @Override
    public RequestFacts facts(Call call) {
        JsonNode input = call.body().get("input");
        String lastUser = "";
        String lastResult = "";
        int turns = 0;
        boolean inAssistantRun = false;
        boolean inResultRun = false;
        if (input != null && input.isTextual()) {
            lastUser = input.asText();
        }
        for (JsonNode item : Json.items(call.body(), "input")) {
            String type = item.has("type") ? Json.text(item, "type") : "message";
            String role = Json.text(item, "role");
            boolean assistantItem = type.equals("function_call") || type.equals("reasoning")
                    || (type.equals("message") && role.equals("assistant"));
            if (assistantItem && !inAssistantRun) {
                turns++;
            }
            inAssistantRun = assistantItem;
            if (type.equals("function_call_output")) {
                String output = Json.allText(item.get("output"));
                lastResult = inResultRun ? lastResult + "\n" + output : output;
                inResultRun = true;
                continue;
            }
            inResultRun = false;
            if (type.equals("message") && role.equals("user")) {
                String text = messageText(item.get("content"));
                if (!text.isEmpty()) {
                    lastUser = text;
                }
            }
        }
        Set<String> tools = new LinkedHashSet<>();
        Json.items(call.body(), "tools").forEach(t -> tools.add(Json.text(t, "name")));
        return new RequestFacts(provider(), call.seq(), model(call), streams(call), turns, lastUser, lastResult, tools);
    }

    private static String messageText(JsonNode content) {
        if (content == null) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                Json.appendLine(out, Json.text(part, "text"));
            }
        }
        return out.toString();
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

    @Override
    public String complete(Answer answer) {
        return Json.write(response(answer, answer.ids().hex("resp_", 48), items(answer), answer.finish() == Finish.STOP
                || answer.finish() == Finish.TOOL_CALLS ? "completed" : "incomplete", true));
    }

    /** The output items, ids resolved once so that streaming and the final response agree. */
    private List<ObjectNode> items(Answer answer) {
        List<ObjectNode> items = new ArrayList<>();
        ObjectNode message = null;
        for (Part part : answer.parts()) {
            switch (part) {
                case Part.Text t -> {
                    if (message == null) {
                        message = Json.object().put("id", answer.ids().hex("msg_", 48)).put("type", "message")
                                .put("status", "completed").put("role", "assistant");
                        message.putArray("content");
                        items.add(message);
                    }
                    ObjectNode text = Json.object().put("type", "output_text").put("text", t.text());
                    text.putArray("annotations");
                    ((ArrayNode) message.get("content")).add(text);
                }
                case Part.ToolCall c -> {
                    message = null;
                    items.add(Json.object().put("id", answer.ids().hex("fc_", 48)).put("type", "function_call")
                            .put("status", "completed").put("arguments", Json.argumentText(c))
                            .put("call_id", c.id() != null ? c.id() : answer.ids().next("call_", 24))
                            .put("name", c.name()));
                }
                case Part.Thinking t -> {
                    message = null;
                    ObjectNode reasoning = Json.object().put("id", answer.ids().hex("rs_", 48)).put("type", "reasoning");
                    reasoning.putArray("summary").add(Json.object().put("type", "summary_text").put("text", t.thinking()));
                    if (t.signature() != null) {
                        reasoning.put("encrypted_content", t.signature());
                    }
                    items.add(reasoning);
                }
                case Part.RedactedThinking r -> {
                    message = null;
                    ObjectNode reasoning = Json.object().put("id", answer.ids().hex("rs_", 48)).put("type", "reasoning");
                    reasoning.putArray("summary");
                    reasoning.put("encrypted_content", r.data());
                    items.add(reasoning);
                }
            }
        }
        return items;
    }

    private ObjectNode response(Answer answer, String id, List<ObjectNode> output, String status, boolean withUsage) {
        ObjectNode response = Json.object()
                .put("id", id)
                .put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000)
                .put("status", status);
        response.putNull("error");
        if (status.equals("incomplete")) {
            response.set("incomplete_details", Json.object().put("reason",
                    answer.finish() == Finish.CONTENT_FILTER ? "content_filter" : "max_output_tokens"));
        } else {
            response.putNull("incomplete_details");
        }
        response.put("model", answer.model());
        response.putArray("output").addAll(output);
        response.put("parallel_tool_calls", true);
        response.putNull("previous_response_id");
        if (withUsage) {
            Tokens t = answer.tokens();
            ObjectNode usage = response.putObject("usage").put("input_tokens", t.input());
            usage.putObject("input_tokens_details").put("cached_tokens", t.cacheRead());
            usage.put("output_tokens", t.output());
            usage.putObject("output_tokens_details").put("reasoning_tokens", t.reasoning());
            usage.put("total_tokens", t.input() + t.output());
        } else {
            response.putNull("usage");
        }
        return response;
    }

    @Override
    public List<SseEvent> stream(Answer answer, int chunkChars) {
        ResponsesStream out = new ResponsesStream();
        String id = answer.ids().hex("resp_", 48);
        List<ObjectNode> items = items(answer);
        out.add("response.created", Json.object().set("response", response(answer, id, List.of(), "in_progress", false)));
        out.add("response.in_progress", Json.object().set("response", response(answer, id, List.of(), "in_progress",
                false)));
        for (int index = 0; index < items.size(); index++) {
            out.item(index, items.get(index), chunkChars);
        }
        boolean complete = answer.finish() == Finish.STOP || answer.finish() == Finish.TOOL_CALLS;
        out.add(complete ? "response.completed" : "response.incomplete",
                Json.object().set("response", response(answer, id, items, complete ? "completed" : "incomplete", true)));
        return out.events();
    }

    @Override
    public List<SseEvent> streamError(WireError error) {
        String code = error.type() != null ? error.type() : "server_error";
        ObjectNode data = Json.object().put("type", "error").put("code", code).put("message", error.message());
        data.putNull("param");
        ObjectNode failed = Json.object().put("type", "response.failed");
        ObjectNode response = failed.putObject("response").put("object", "response").put("status", "failed");
        response.putObject("error").put("code", code).put("message", error.message());
        return List.of(new SseEvent("error", Json.write(data)), new SseEvent("response.failed", Json.write(failed)));
    }
}
