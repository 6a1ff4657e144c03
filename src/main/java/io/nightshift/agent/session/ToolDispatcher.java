package io.nightshift.agent.session;

import com.fasterxml.jackson.databind.node.TextNode;
import io.nightshift.agent.AgentException;
import io.nightshift.event.AgentEvent;
import io.nightshift.agent.hook.HookOutcome;
import io.nightshift.agent.hook.HookRunner;
import io.nightshift.agent.hook.ToolHooks;
import io.nightshift.agent.tool.AgentSpawner;
import io.nightshift.agent.tool.RegisteredTool;
import io.nightshift.agent.tool.ToolInvocation;
import io.nightshift.agent.tool.ToolRegistry;
import io.nightshift.llm.JsonSchemaValidator;
import io.nightshift.llm.ToolCall;
import io.nightshift.llm.ToolResult;
import io.nightshift.sandbox.SandboxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one round of tool calls (coding-agent spec 2.5 {@code execute_tool_calls}, 3.8 pipeline): lookup,
 * schema validation, the pre-hook, execution through the environment, truncation, TOOL_CALL_END with the full
 * output, the post-hook. Every failure becomes an error result the model sees. Calls run on virtual threads
 * (all at once when the profile allows parallel calls), so an abort can interrupt them: interrupting a command
 * kills its process group.
 */
final class ToolDispatcher {

    private final Session session;
    private final Set<Future<?>> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** How long an abort waits for a killed command's thread to report its end. */
    private static final java.time.Duration CANCEL_GRACE = java.time.Duration.ofSeconds(30);

    ToolDispatcher(Session session) {
        this.session = session;
    }

    List<ToolResult> execute(List<ToolCall> calls, boolean parallel) throws InterruptedException {
        List<Task> futures = new ArrayList<>(calls.size());
        List<ToolResult> results = new ArrayList<>(calls.size());
        if (parallel && calls.size() > 1) {
            for (ToolCall call : calls) {
                futures.add(submit(call));
            }
            for (int i = 0; i < calls.size(); i++) {
                results.add(await(futures.get(i), calls.get(i)));
            }
        } else {
            for (ToolCall call : calls) {
                results.add(await(submit(call), call));
            }
        }
        return results;
    }

    /** A submitted call; {@code finished} opens when its thread is done, even after a cancel. */
    private record Task(Future<ToolResult> future, AtomicBoolean started, CountDownLatch finished) {
    }

    private Task submit(ToolCall call) {
        AtomicBoolean started = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Future<ToolResult> future = threads.submit(() -> {
            started.set(true);
            try {
                return executeOne(call);
            } finally {
                finished.countDown();
            }
        });
        running.add(future);
        return new Task(future, started, finished);
    }

    private ToolResult await(Task task, ToolCall call) throws InterruptedException {
        try {
            return task.future().get();
        } catch (ExecutionException e) {
            return error(call, "Tool error (" + call.name() + "): " + e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            // a cancelled future returns at once while its thread still kills the command and reports the call's
            // end; waiting for that thread keeps TOOL_CALL_END before SESSION_END. A cancel before the call started
            // leaves nothing to wait for (the task never runs once cancelled)
            if (task.started().get()) {
                task.finished().await(CANCEL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            return error(call, "Tool call cancelled: the session was aborted");
        } finally {
            running.remove(task.future());
        }
    }

    /** Interrupts every running tool call (abort). */
    void cancelAll() {
        for (Future<?> future : running) {
            future.cancel(true);
        }
    }

    void shutdown() {
        cancelAll();
        threads.shutdownNow();
    }

    private ToolResult executeOne(ToolCall call) {
        long start = System.nanoTime();
        session.emit(new AgentEvent.ToolCallStart(session.id(), session.now(), call.id(), call.name(),
                call.rawArguments()));
        ToolRegistry registry = session.profile().toolRegistry();
        RegisteredTool tool = registry.get(call.name());
        if (tool == null) {
            return fail(call, start, "Unknown tool: " + call.name() + ". Available tools: "
                    + String.join(", ", registry.names()));
        }
        List<String> problems = call.arguments().isObject()
                ? JsonSchemaValidator.validate(tool.definition().parameters(), call.arguments())
                : List.of("$: the arguments are not a JSON object: " + call.rawArguments());
        if (!problems.isEmpty()) {
            return fail(call, start, "Invalid arguments for tool: " + call.name() + ": " + String.join("; ", problems));
        }
        SessionConfig config = session.config();
        ToolHooks hooks = config.toolHooks();
        HookRunner hookRunner = hooks.isEmpty() ? null
                : new HookRunner(session.environment(), config.defaultCommandTimeoutMs());
        if (hooks.pre() != null) {
            HookOutcome pre = hookRunner.pre(hooks.pre(), session.id(), call.name(), call.id(), call.rawArguments());
            if (!pre.passed()) {
                return fail(call, start, "Tool call skipped: the pre-tool hook refused it (exit " + pre.exitCode()
                        + (pre.detail().isEmpty() ? "" : ": " + pre.detail()) + ")");
            }
        }
        String raw;
        String modelText;
        boolean isError;
        try {
            raw = tool.executor().execute(call.arguments(), invocation(call));
            raw = raw == null ? "" : raw;
            modelText = session.truncator().truncate(call.name(), raw);
            isError = false;
            session.emit(new AgentEvent.ToolCallEnd(session.id(), session.now(), call.id(), call.name(), raw, null,
                    elapsed(start)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(call, start, "Tool call cancelled: the session was aborted");
        } catch (SandboxException | AgentException e) {
            return failThenPost(call, start, "Tool error (" + call.name() + "): " + e.getMessage(), hooks, hookRunner);
        } catch (Exception e) {
            return failThenPost(call, start, "Tool error (" + call.name() + "): " + e, hooks, hookRunner);
        }
        post(call, hooks, hookRunner, modelText, isError);
        return new ToolResult(call.id(), TextNode.valueOf(modelText), false);
    }

    private ToolInvocation invocation(ToolCall call) {
        SessionConfig config = session.config();
        Long profileDefault = session.profile().shellTimeoutMs();
        long timeout = Math.min(profileDefault == null ? config.defaultCommandTimeoutMs() : profileDefault,
                config.maxCommandTimeoutMs());
        AgentSpawner agents = session.subagents();
        return new ToolInvocation(session.environment(), call.id(), timeout, config.maxCommandTimeoutMs(),
                delta -> session.emit(new AgentEvent.ToolCallOutputDelta(session.id(), session.now(), call.id(), delta)),
                agents);
    }

    private ToolResult failThenPost(ToolCall call, long start, String message, ToolHooks hooks, HookRunner runner) {
        ToolResult result = fail(call, start, message);
        post(call, hooks, runner, message, true);
        return result;
    }

    private void post(ToolCall call, ToolHooks hooks, HookRunner runner, String output, boolean isError) {
        if (hooks.post() == null) {
            return;
        }
        HookOutcome post = runner.post(hooks.post(), session.id(), call.name(), call.id(), call.rawArguments(),
                output, isError);
        if (!post.passed()) {
            session.emit(new AgentEvent.Warning(session.id(), session.now(), "post-tool hook failed for "
                    + call.name() + " (" + call.id() + "), exit " + post.exitCode()
                    + (post.detail().isEmpty() ? "" : ": " + post.detail())));
        }
    }

    private ToolResult fail(ToolCall call, long start, String message) {
        session.emit(new AgentEvent.ToolCallEnd(session.id(), session.now(), call.id(), call.name(), null, message,
                elapsed(start)));
        return error(call, message);
    }

    private static ToolResult error(ToolCall call, String message) {
        return new ToolResult(call.id(), TextNode.valueOf(message), true);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
