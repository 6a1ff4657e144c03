package io.nightshift.twin.dialect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** OpenAI's error shape and bearer authentication, shared by the Responses and Chat Completions dialects. */
final class OpenAiErrors {

    private OpenAiErrors() {
    }

    /** Both OpenAI APIs refuse a body without a string {@code model}, with the same error. */
    static Optional<WireError> missingModel(JsonNode body) {
        if (body.path("model").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new WireError(400, "missing_required_parameter", "Missing required parameter: 'model'.",
                "model", null));
    }

    static Optional<WireError> bearer(Call call, String expectedKey) {
        String header = call.headers().get("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            return Optional.of(new WireError(401, "invalid_request_error", "No API key was provided: send it as"
                    + " 'Authorization: Bearer <key>'.", null, null));
        }
        if (!Dialect.keyMatches(header.substring(7).trim(), expectedKey)) {
            return Optional.of(new WireError(401, "invalid_api_key", "Incorrect API key provided.", null, null));
        }
        return Optional.empty();
    }

    static String defaultType(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 404 -> "model_not_found";
            case 429 -> "rate_limit_exceeded";
            default -> status < 500 ? "invalid_request_error" : "server_error";
        };
    }

    /**
     * {@code {"error": {"message", "type", "param", "code"}}}. A scripted or special type becomes the
     * {@code code} with its usual family as {@code type}; plain types fill both like the real API does.
     */
    static String body(WireError error) {
        String given = error.type() != null ? error.type() : defaultType(error.status());
        String type = switch (given) {
            case "rate_limit_exceeded" -> "requests";
            case "invalid_api_key", "model_not_found", "missing_required_parameter", "invalid_function_parameters" ->
                    "invalid_request_error";
            default -> given;
        };
        ObjectNode inner = Json.object().put("message", error.message()).put("type", type);
        if (error.param() == null) {
            inner.putNull("param");
        } else {
            inner.put("param", error.param());
        }
        if (given.equals("invalid_request_error") || given.equals("server_error")) {
            inner.putNull("code");
        } else {
            inner.put("code", given);
        }
        ObjectNode body = Json.object();
        body.set("error", inner);
        return Json.write(body);
    }
}
