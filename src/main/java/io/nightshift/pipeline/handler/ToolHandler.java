package io.nightshift.pipeline.handler;

import io.nightshift.pipeline.run.StatusFile;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the node's {@code tool_command} through the {@link ExecutionEnvironment} (attractor-spec 4.10) with the
 * node's {@code timeout}. Writes stdout then stderr to {@code <stage>/tool_output.txt}; sets
 * {@code ATTRACTOR_STAGE_DIR}, {@code ATTRACTOR_LOGS_ROOT}, {@code ATTRACTOR_NODE_ID} and, when the node has a
 * prompt, writes it to {@code <stage>/prompt.txt} and sets {@code ATTRACTOR_PROMPT_FILE}. Exit 0 succeeds with
 * {@code tool.output} = stdout, unless the command left a {@code status.json} in its stage directory, which then
 * decides. A non-zero exit or a timeout fails with the exit code and the tail of stderr. {@code tool_hooks.pre} and
 * {@code .post} (node, else graph) run before and after the command; a pre-hook that exits non-zero fails the
 * stage without running it.
 */
final class ToolHandler implements Handler {

    static final int STDERR_TAIL = 500;
    static final int MAX_CONTEXT_OUTPUT = 64 * 1024;

    private final ExecutionEnvironment environment;
    private final Duration defaultTimeout;
    private final WorkspaceHooks workspace;

    public ToolHandler(ExecutionEnvironment environment, Duration defaultTimeout) {
        this(environment, defaultTimeout, WorkspaceHooks.NONE);
    }

    /** With {@code workspace} choosing the environment of stages in a parallel branch's own workspace. */
    public ToolHandler(ExecutionEnvironment environment, Duration defaultTimeout, WorkspaceHooks workspace) {
        this.environment = environment;
        this.defaultTimeout = defaultTimeout == null ? Duration.ofMinutes(10) : defaultTimeout;
        this.workspace = workspace == null ? WorkspaceHooks.NONE : workspace;
    }

    @Override
    public Outcome execute(StageContext stage) {
        String nodeId = stage.node().id();
        String command = stage.node().attrs().string("tool_command", "").strip();
        if (command.isEmpty()) {
            return Outcome.fail("tool node '" + nodeId + "' has no tool_command attribute");
        }
        ExecutionEnvironment scoped = workspace.environment(stage.node(), stage.context());
        ExecutionEnvironment environment = scoped != null ? scoped : this.environment;
        if (environment == null) {
            return Outcome.fail("tool node '" + nodeId
                    + "' needs an execution environment and none is configured (choose --sandbox docker|local)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ATTRACTOR_STAGE_DIR", stage.stageDir().toString());
        env.put("ATTRACTOR_LOGS_ROOT", stage.logsRoot().toString());
        env.put("ATTRACTOR_NODE_ID", nodeId);
        String prompt = stage.node().prompt();
        if (!prompt.isEmpty()) {
            stage.writeFile("prompt.txt", prompt.replace("$goal", stage.graph().goal()));
            env.put("ATTRACTOR_PROMPT_FILE", stage.stageDir().resolve("prompt.txt").toString());
        }
        Duration timeout = stage.node().timeout().orElse(defaultTimeout);
        StageToolHooks hooks = StageToolHooks.resolve(stage.node(), stage.graph());
        if (!hooks.pre().isEmpty()) {
            ExecResult pre = runHook(environment, hooks.pre(), env, null, timeout);
            if (pre.exitCode() != 0 || pre.timedOut()) {
                stage.writeFile("tool_output.txt", out(pre));
                return Outcome.fail("tool_hooks.pre of '" + nodeId + "' exited with code " + pre.exitCode()
                        + ", so the tool command did not run (a pre-hook vetoes the call): " + hooks.pre()
                        + tail(pre.stderr() == null ? "" : pre.stderr()));
            }
        }
        ExecResult result = environment.execCommand(command, timeout.toMillis(), null, env);
        if (!hooks.post().isEmpty()) {
            // a post-hook audits; its failure does not change the stage's outcome (attractor-spec 9.7)
            runHook(environment, hooks.post(), env, result.exitCode(), timeout);
        }
        String stdout = result.stdout() == null ? "" : result.stdout();
        String stderr = result.stderr() == null ? "" : result.stderr();
        stage.writeFile("tool_output.txt", stdout + stderr);
        if (result.timedOut()) {
            return Outcome.fail("tool command timed out after " + timeout.toMillis() + "ms: " + command
                    + tail(stderr));
        }
        if (result.exitCode() != 0 && stage.node().autoStatus()) {
            return autoStatus(stage, command, result.exitCode(), stdout);
        }
        if (result.exitCode() != 0) {
            return Outcome.fail("tool command exited with code " + result.exitCode() + ": " + command + tail(stderr))
                    .withContextUpdates(Map.of("tool.output", cap(stdout), "tool.exit_code", result.exitCode()));
        }
        Map<String, Object> updates = Map.of("tool.output", cap(stdout), "tool.exit_code", 0);
        return StatusFile.read(stage.stageDir())
                .map(fromTool -> {
                    Map<String, Object> merged = new LinkedHashMap<>(updates);
                    merged.putAll(fromTool.contextUpdates());
                    return fromTool.withContextUpdates(merged);
                })
                .orElseGet(() -> Outcome.success("Tool completed: " + command).withContextUpdates(updates));
    }

    /**
     * A tool with {@code auto_status=true} that exited non-zero (attractor-spec Appendix C, our reading: the node's
     * own status is its {@code status.json}; the exit code is only the fallback when auto_status is off). A status
     * the tool wrote decides; without one the engine synthesizes SUCCESS, and the notes, {@code tool.exit_code} and
     * {@code tool_output.txt} keep the exit code so an edge can still route on it.
     */
    private static Outcome autoStatus(StageContext stage, String command, int exitCode, String stdout) {
        Map<String, Object> updates = Map.of("tool.output", cap(stdout), "tool.exit_code", exitCode);
        return StatusFile.read(stage.stageDir())
                .map(fromTool -> {
                    Map<String, Object> merged = new LinkedHashMap<>(updates);
                    merged.putAll(fromTool.contextUpdates());
                    return fromTool.withContextUpdates(merged);
                })
                .orElseGet(() -> Outcome.success("auto_status synthesized success: the tool exited with code "
                        + exitCode + " and wrote no status.json (" + command + ")").withContextUpdates(updates));
    }

    /**
     * Runs a tool hook around the node's command (attractor-spec 9.7, applied to the tool node's one shell call)
     * in the same environment, with {@code TOOL_NAME=shell}, {@code NODE_ID} and, after the call, {@code EXIT_CODE}
     * (the names other implementations' hooks read), besides the stage's own variables.
     */
    private static ExecResult runHook(ExecutionEnvironment environment, String hook, Map<String, String> stageEnv,
            Integer exitCode, Duration timeout) {
        Map<String, String> env = new LinkedHashMap<>(stageEnv);
        env.put("TOOL_NAME", "shell");
        env.put("NODE_ID", stageEnv.get("ATTRACTOR_NODE_ID"));
        if (exitCode != null) {
            env.put("EXIT_CODE", String.valueOf(exitCode));
        }
        return environment.execCommand(hook, timeout.toMillis(), null, env);
    }

    private static String out(ExecResult r) {
        return (r.stdout() == null ? "" : r.stdout()) + (r.stderr() == null ? "" : r.stderr());
    }

    private static String tail(String stderr) {
        String trimmed = stderr.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        return "\n" + (trimmed.length() <= STDERR_TAIL ? trimmed : "..." + trimmed.substring(trimmed.length() - STDERR_TAIL));
    }

    private static String cap(String stdout) {
        return stdout.length() <= MAX_CONTEXT_OUTPUT ? stdout : stdout.substring(0, MAX_CONTEXT_OUTPUT);
    }
}
