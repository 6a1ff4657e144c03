package io.nightshift.agent.hook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.llm.Json;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import java.util.Map;

/**
 * Runs tool hooks (attractor-spec 9.7) through the session's {@link ExecutionEnvironment}, in the working
 * directory where the tools act, so a hook sees the same files and runs inside the same sandbox (a Docker run
 * keeps hooks in the container). A hook gets the tool metadata as environment variables
 * ({@code NIGHTSHIFT_SESSION_ID}, {@code NIGHTSHIFT_TOOL_NAME}, {@code NIGHTSHIFT_TOOL_CALL_ID},
 * {@code NIGHTSHIFT_HOOK} = pre|post, and for post {@code NIGHTSHIFT_TOOL_IS_ERROR}) and as one JSON object on
 * stdin ({@code session_id}, {@code hook}, {@code tool_name}, {@code call_id}, {@code arguments}, and for post
 * {@code output} (what the model saw) and {@code is_error}). The environment has no stdin channel, so the JSON
 * travels in {@code NIGHTSHIFT_TOOL_JSON} and is piped into the command.
 */
public final class HookRunner {

    private final ExecutionEnvironment env;
    private final long timeoutMs;

    public HookRunner(ExecutionEnvironment env, long timeoutMs) {
        this.env = env;
        this.timeoutMs = timeoutMs;
    }

    public HookOutcome pre(String command, String sessionId, String toolName, String callId, String arguments) {
        ObjectNode json = metadata("pre", sessionId, toolName, callId, arguments);
        return run(command, json, Map.of());
    }

    public HookOutcome post(String command, String sessionId, String toolName, String callId, String arguments,
            String output, boolean isError) {
        ObjectNode json = metadata("post", sessionId, toolName, callId, arguments);
        json.put("output", output);
        json.put("is_error", isError);
        return run(command, json, Map.of("NIGHTSHIFT_TOOL_IS_ERROR", String.valueOf(isError)));
    }

    private static ObjectNode metadata(String hook, String sessionId, String toolName, String callId, String arguments) {
        ObjectNode json = Json.object();
        json.put("session_id", sessionId);
        json.put("hook", hook);
        json.put("tool_name", toolName);
        json.put("call_id", callId);
        json.set("arguments", Json.parseOrNull(arguments) == null ? Json.object() : Json.parseOrNull(arguments));
        return json;
    }

    private HookOutcome run(String command, ObjectNode json, Map<String, String> extra) {
        Map<String, String> vars = new java.util.HashMap<>(extra);
        vars.put("NIGHTSHIFT_SESSION_ID", json.path("session_id").asText());
        vars.put("NIGHTSHIFT_HOOK", json.path("hook").asText());
        vars.put("NIGHTSHIFT_TOOL_NAME", json.path("tool_name").asText());
        vars.put("NIGHTSHIFT_TOOL_CALL_ID", json.path("call_id").asText());
        vars.put("NIGHTSHIFT_TOOL_JSON", json.toString());
        String wrapped = "printf '%s' \"$NIGHTSHIFT_TOOL_JSON\" | { " + command + "\n}";
        try {
            ExecResult result = env.execCommand(wrapped, timeoutMs, null, vars);
            if (result.timedOut()) {
                return new HookOutcome(false, result.exitCode(), "timed out after " + timeoutMs + " ms");
            }
            String detail = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
            if (detail.length() > 2_000) {
                detail = detail.substring(0, 2_000) + " ...";
            }
            return new HookOutcome(result.exitCode() == 0, result.exitCode(), detail);
        } catch (SandboxException e) {
            return new HookOutcome(false, -1, "could not run: " + e.getMessage());
        }
    }
}
