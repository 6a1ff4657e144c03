package io.nightshift.twin.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The requests the Anthropic Messages API refuses with a 400 (docs/twin.md, "Validation"). */
final class AnthropicValidation {

    private AnthropicValidation() {
    }

    static Optional<WireError> validate(JsonNode body) {
        if (!body.path("model").isTextual()) {
            return Optional.of(WireError.of(400, "model: Field required"));
        }
        if (!body.path("max_tokens").isIntegralNumber()) {
            return Optional.of(WireError.of(400, "max_tokens: Field required"));
        }
        List<JsonNode> messages = Json.items(body, "messages");
        if (messages.isEmpty()) {
            return Optional.of(WireError.of(400, "messages: at least one message is required"));
        }
        for (int i = 0; i < messages.size(); i++) {
            Optional<WireError> problem = checkMessage(messages, i);
            if (problem.isPresent()) {
                return problem;
            }
        }
        List<JsonNode> tools = Json.items(body, "tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = Json.text(tool, "type");
            if (!type.isEmpty() && !type.equals("custom")) {
                continue;
            }
            if (!tool.has("input_schema")) {
                return Optional.of(WireError.of(400, "tools." + i + ".custom.input_schema: Field required"));
            }
            if (!Dialect.isObjectSchema(tool.get("input_schema"))) {
                return Optional.of(WireError.of(400, "tools." + i + ".custom.input_schema.type: Input should be 'object'"));
            }
        }
        return Optional.empty();
    }

    private static Optional<WireError> checkMessage(List<JsonNode> messages, int i) {
        JsonNode message = messages.get(i);
        String role = Json.text(message, "role");
        if (!role.equals("user") && !role.equals("assistant")) {
            return Optional.of(WireError.of(400, "messages." + i + ".role: Input should be 'user' or 'assistant'"));
        }
        if (i == 0 && !role.equals("user")) {
            return Optional.of(WireError.of(400, "messages.0.role: the first message must use the \"user\" role"));
        }
        if (i > 0 && role.equals(Json.text(messages.get(i - 1), "role"))) {
            return Optional.of(WireError.of(400, "messages." + i + ": roles must alternate between \"user\" and"
                    + " \"assistant\", but found two \"" + role + "\" messages in a row"));
        }
        List<JsonNode> blocks = Json.items(message, "content");
        for (int b = 0; b < blocks.size(); b++) {
            JsonNode block = blocks.get(b);
            if (role.equals("assistant") && Json.text(block, "type").equals("thinking")
                    && !block.path("signature").isTextual()) {
                return Optional.of(WireError.of(400, "messages." + i + ".content." + b
                        + ".thinking.signature: Field required"));
            }
        }
        Set<String> results = ids(message, "tool_result", "tool_use_id");
        if (!results.isEmpty()) {
            Set<String> uses = i > 0 ? ids(messages.get(i - 1), "tool_use", "id") : Set.of();
            for (String id : results) {
                if (!uses.contains(id)) {
                    return Optional.of(WireError.of(400, "messages." + i + ".content: unexpected `tool_use_id` found"
                            + " in `tool_result` blocks: " + id + ". Every `tool_result` block needs a matching"
                            + " `tool_use` block in the previous message."));
                }
            }
        }
        Set<String> uses = ids(message, "tool_use", "id");
        if (!uses.isEmpty() && i + 1 < messages.size()) {
            Set<String> answered = ids(messages.get(i + 1), "tool_result", "tool_use_id");
            List<String> missing = uses.stream().filter(id -> !answered.contains(id)).toList();
            // Stray result ids are reported on the next message, which names them; report gaps only otherwise.
            if (!missing.isEmpty() && uses.containsAll(answered)) {
                return Optional.of(WireError.of(400, "messages." + (i + 1) + ": `tool_use` ids were found without"
                        + " `tool_result` blocks immediately after: " + String.join(", ", missing)));
            }
        }
        return Optional.empty();
    }

    private static Set<String> ids(JsonNode message, String blockType, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode block : Json.items(message, "content")) {
            if (Json.text(block, "type").equals(blockType)) {
                out.add(Json.text(block, field));
            }
        }
        return out;
    }
}
