package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.state.Context;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shell hooks around each LLM tool call of a stage (attractor-spec 9.7): {@code tool_hooks.pre} and
 * {@code tool_hooks.post}, node attribute over graph attribute. The engine puts the resolved commands in context
 * keys {@code internal.tool_hooks.pre} / {@code .post}; an agent-backed {@link CodergenBackend} reads them with
 * {@link #fromContext} and calls {@link #beforeToolCall} / {@link #afterToolCall} around every tool call.
 * A hook gets the call as JSON on stdin and as a file ({@code ATTRACTOR_TOOL_CALL_FILE}), plus
 * {@code ATTRACTOR_TOOL_NAME}, {@code ATTRACTOR_NODE_ID} and {@code ATTRACTOR_STAGE_DIR}. A non-zero pre-hook exit
 * skips the call; post-hook failures never block. Every hook run is appended to {@code <stage>/tool_hooks.log}.
 */
public record ToolHooks(String pre, String post) {

    public static final String PRE_KEY = "internal.tool_hooks.pre";
    public static final String POST_KEY = "internal.tool_hooks.post";
    private static final AtomicLong CALLS = new AtomicLong();

    /** How a hook ran: {@code proceed} is false only for a pre-hook that exited non-zero. */
    public record HookResult(boolean proceed, int exitCode, String output) {
    }

    public ToolHooks {
        pre = pre == null ? "" : pre.strip();
        post = post == null ? "" : post.strip();
    }

    public static ToolHooks resolve(Node node, Graph graph) {
        return new ToolHooks(node.attrs().string("tool_hooks.pre", graph.attrs().string("tool_hooks.pre", "")),
                node.attrs().string("tool_hooks.post", graph.attrs().string("tool_hooks.post", "")));
    }

    public static ToolHooks fromContext(Context context) {
        return new ToolHooks(context.getString(PRE_KEY), context.getString(POST_KEY));
    }

    public boolean isEmpty() {
        return pre.isEmpty() && post.isEmpty();
    }

    public HookResult beforeToolCall(ExecutionEnvironment env, Path stageDir, String nodeId, String toolName,
            Object arguments, Duration timeout) {
        if (pre.isEmpty()) {
            return new HookResult(true, 0, "");
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("tool_name", toolName);
        call.put("arguments", arguments);
        HookResult r = runHook("pre", pre, env, stageDir, nodeId, toolName, call, timeout);
        return new HookResult(r.exitCode() == 0, r.exitCode(), r.output());
    }

    public HookResult afterToolCall(ExecutionEnvironment env, Path stageDir, String nodeId, String toolName,
            Object arguments, String result, boolean isError, Duration timeout) {
        if (post.isEmpty()) {
            return new HookResult(true, 0, "");
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("tool_name", toolName);
        call.put("arguments", arguments);
        call.put("result", result);
        call.put("is_error", isError);
        HookResult r = runHook("post", post, env, stageDir, nodeId, toolName, call, timeout);
        return new HookResult(true, r.exitCode(), r.output());
    }

    private static HookResult runHook(String phase, String command, ExecutionEnvironment env, Path stageDir,
            String nodeId, String toolName, Map<String, Object> call, Duration timeout) {
        Path callFile = stageDir.resolve("tool_call_" + phase + "_" + CALLS.incrementAndGet() + ".json");
        int exit;
        String output;
        try {
            AtomicFiles.write(callFile, Json.mapper().writeValueAsBytes(call), false);
            ExecResult r = env.execCommand("(" + command + ") < " + shellQuote(callFile.toString()), timeout.toMillis(),
                    null, Map.of("ATTRACTOR_TOOL_NAME", toolName, "ATTRACTOR_NODE_ID", nodeId,
                            "ATTRACTOR_STAGE_DIR", stageDir.toString(), "ATTRACTOR_TOOL_CALL_FILE", callFile.toString()));
            exit = r.timedOut() ? -1 : r.exitCode();
            output = (r.stdout() == null ? "" : r.stdout()) + (r.stderr() == null ? "" : r.stderr());
        } catch (IOException | RuntimeException e) {
            exit = -1;
            output = "hook could not run: " + e.getMessage();
        }
        String line = phase + " " + toolName + " exit=" + exit + (output.isBlank() ? "" : " " + output.strip()) + "\n";
        try {
            Files.writeString(stageDir.resolve("tool_hooks.log"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the hook log is an audit aid; failing to append it must not change the tool call
        }
        return new HookResult(exit == 0, exit, output);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
