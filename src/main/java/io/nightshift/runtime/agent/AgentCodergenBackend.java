package io.nightshift.runtime.agent;

import io.nightshift.agent.hook.ToolHooks;
import io.nightshift.agent.profile.Profiles;
import io.nightshift.agent.profile.ProviderProfile;
import io.nightshift.agent.session.ProcessingResult;
import io.nightshift.agent.session.Session;
import io.nightshift.agent.session.SessionConfig;
import io.nightshift.agent.session.SessionState;
import io.nightshift.agent.session.StopReason;
import io.nightshift.llm.Client;
import io.nightshift.llm.ModelCatalog;
import io.nightshift.llm.ModelInfo;
import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs codergen stages with the coding agent (attractor-spec 4.5 through coding-agent spec 2). A stage's
 * profile comes from its {@code llm_provider} and {@code llm_model} (after the stylesheet), its effort from
 * {@code reasoning_effort}, its deadline from {@code timeout}, its hooks from {@code tool_hooks.pre/post} (node,
 * else graph). With fidelity {@code full} the session of the stage's thread key is reused across stages; any
 * other fidelity starts a fresh session whose input opens with a {@link FidelityPreamble}.
 *
 * <p>Outcome: the final assistant text is the response (the handler writes {@code response.md}) and success
 * unless a {@code status.json} says otherwise. The agent is told to write it at {@code .nightshift/status.json}
 * in its working directory (inside the sandbox); the backend moves it into the stage directory. A session that
 * stops on a limit, an error, an abort or the deadline is a FAIL with the reason.
 *
 * <p>Thread-safe: parallel branches run their own sessions; stages sharing a thread key take turns.
 */
public final class AgentCodergenBackend implements CodergenBackend, AutoCloseable {

    private record AgentThread(Session session, AtomicReference<String> node) {
    }

    static final long SHUTDOWN_WAIT_MS = 5_000;

    private final Client client;
    private final StageEnvironments environments;
    private final AgentBackendOptions options;
    private final List<StageEventSink> sinks = new CopyOnWriteArrayList<>();
    private final Map<String, AgentThread> threads = new ConcurrentHashMap<>();
    private volatile StageJudge judge;
    private volatile SpendGate spend = SpendGate.NONE;

    /** Every stage's agent works in {@code environment}. */
    public AgentCodergenBackend(Client client, ExecutionEnvironment environment, AgentBackendOptions options) {
        this(client, (Function<Context, ExecutionEnvironment>) context -> environment, options);
    }

    /**
     * Each stage's agent works in the environment {@code environments} gives for the stage's context: a parallel
     * branch's own worktree for a stage inside that branch, the run's environment otherwise. Must not return null.
     */
    public AgentCodergenBackend(Client client, Function<Context, ExecutionEnvironment> environments,
            AgentBackendOptions options) {
        this(client, (StageEnvironments) (node, context) -> environments.apply(context), options);
    }

    /**
     * Each stage's agent works in the environment {@code environments} gives for the stage's node and context: a
     * node's own sandbox when its {@code sandbox.*} settings differ from the run's, a parallel branch's worktree, or
     * the run's environment. Must not return null.
     */
    public AgentCodergenBackend(Client client, StageEnvironments environments, AgentBackendOptions options) {
        this.client = client;
        this.environments = environments;
        this.options = options == null ? AgentBackendOptions.defaults() : options;
    }

    /** Connects a sink that receives every agent event of every stage (the runtime's event stream). */
    public void addSink(StageEventSink sink) {
        sinks.add(sink);
    }

    /** Meters every model call of every stage against the run's budgets, stopping a stage that reaches one. */
    public void meter(SpendGate gate) {
        this.spend = gate == null ? SpendGate.NONE : gate;
    }

    /** Judges stages with {@code harness.suite} in place, feeding what the judge discloses back into the session. */
    public void useJudge(StageJudge stageJudge) {
        this.judge = stageJudge;
    }

    @Override
    public CodergenResult run(Node node, String prompt, Context context) throws Exception {
        String provider = node.attrs().get("llm_provider").orElse(options.defaultProvider() != null
                ? options.defaultProvider() : client.defaultProvider());
        if (provider == null) {
            throw new PipelineException("node " + node.id() + " has no llm_provider and no LLM provider is configured;"
                    + " set llm_provider (anthropic, openai or gemini) or an API key", false, null);
        }
        String model = node.attrs().get("llm_model").orElseGet(() -> defaultModel(provider, node));
        String effort = node.attrs().get("reasoning_effort").orElse(options.sessionConfig().reasoningEffort());
        String fidelity = context.getString("internal.fidelity", "compact");
        String threadId = context.getString("internal.thread_id", null);
        Path stageDir = Path.of(context.getString("internal.stage_dir", "."));
        boolean reuse = "full".equals(fidelity) && threadId != null;
        ExecutionEnvironment environment = environments.forStage(node, context);
        // A session is bound to the files it works on: a thread continued in another branch's worktree starts anew.
        AgentThread thread = reuse ? threads.compute(threadId, (key, existing) ->
                existing != null && existing.session().profile().id().equals(provider)
                        && existing.session().profile().model().equals(model)
                        && existing.session().environment() == environment
                        && existing.session().state() != SessionState.CLOSED
                        ? existing : open(provider, model, node, context, environment))
                : open(provider, model, node, context, environment);
        String input = reuse ? HarnessFeedback.section(context).map(f -> f + "\n# Your task\n\n").orElse("") + prompt
                : FidelityPreamble.build(fidelity, context, RunState.read(stageDir)) + "\n# Your task\n\n" + prompt;
        StageJudge stageJudge = judge;
        synchronized (thread) {
            thread.node().set(node.id());
            thread.session().setReasoningEffort(effort);
            try {
                ProcessingResult result = submit(thread.session(), input, node.timeout().orElse(null));
                if (stageJudge != null && stageJudge.judges(node)) {
                    return judged(node, context, thread, result, stageDir, stageJudge);
                }
                return finish(node, thread, result, stageDir);
            } finally {
                if (!reuse) {
                    thread.session().close();
                } else if (thread.session().state() == SessionState.CLOSED) {
                    threads.remove(threadId, thread);
                }
            }
        }
    }

    /**
     * Judges the stage each time the agent finishes normally; below the threshold the judge's feedback goes into
     * the same session as the next user message, until satisfied or out of rounds. The verdict decides the
     * outcome (written as the stage's {@code status.json}, which the handler honours) and carries the harness keys
     * into the context.
     */
    private CodergenResult judged(Node node, Context context, AgentThread thread, ProcessingResult first,
            Path stageDir, StageJudge stageJudge) throws Exception {
        ProcessingResult result = first;
        StageJudge.Verdict verdict = null;
        int maxRounds = stageJudge.maxRounds(node);
        for (int round = 1; finishedNormally(result); round++) {
            // a status.json the agent left belongs to the stage directory, not to the snapshot judged
            StatusRelay.moveIntoStage(thread.session().environment(), stageDir);
            verdict = stageJudge.judge(node, context, round);
            if (verdict.satisfied() || round >= maxRounds) {
                break;
            }
            result = submit(thread.session(), verdict.followUp(), node.timeout().orElse(null));
        }
        CodergenResult agent = finish(node, thread, result, stageDir);
        if (verdict == null) {
            return agent;
        }
        return Verdicts.apply(agent, verdict, stageDir);
    }

    private static boolean finishedNormally(ProcessingResult result) {
        return result.stopReason() == StopReason.COMPLETED || result.stopReason() == StopReason.AWAITING_INPUT;
    }

    private static ProcessingResult submit(Session session, String input, Duration timeout) throws Exception {
        CompletableFuture<ProcessingResult> running = session.submitAsync(input);
        try {
            return timeout == null ? running.get() : running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            session.abort();
            awaitShutdown(running);
            return new ProcessingResult(StopReason.ABORTED, "", 0,
                    "the agent did not finish within the stage timeout of " + timeout);
        } catch (InterruptedException e) {
            session.abort();
            awaitShutdown(running);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Gives an aborted session a moment to finish its shutdown (SESSION_END), keeping any interrupt pending. */
    private static void awaitShutdown(CompletableFuture<ProcessingResult> running) {
        boolean interrupted = java.lang.Thread.interrupted();
        try {
            running.get(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
            // the session is aborted either way; its own events report how it ended
        } finally {
            if (interrupted) {
                java.lang.Thread.currentThread().interrupt();
            }
        }
    }

    private CodergenResult finish(Node node, AgentThread thread, ProcessingResult result, Path stageDir) {
        StatusRelay.moveIntoStage(thread.session().environment(), stageDir);
        return switch (result.stopReason()) {
            case COMPLETED, AWAITING_INPUT -> CodergenResult.text(result.finalText());
            case ROUND_LIMIT, TURN_LIMIT -> CodergenResult.status(Outcome.fail("agent stopped at its "
                    + (result.stopReason() == StopReason.ROUND_LIMIT
                    ? "tool round limit" : "turn limit") + " before finishing " + node.id()));
            case ABORTED -> CodergenResult.status(Outcome.fail(result.error() != null ? result.error()
                    : "the agent session was aborted"));
            case ERROR, CONTEXT_OVERFLOW -> CodergenResult.status(Outcome.fail("agent error: " + result.error()));
            case BUDGET -> CodergenResult.status(Outcome.fail("budget exhausted: " + result.error()));
        };
    }

    private AgentThread open(String provider, String model, Node node, Context context,
            ExecutionEnvironment environment) {
        ProviderProfile profile = Profiles.forProvider(provider, model, options.profiles());
        SessionConfig base = options.sessionConfig();
        ToolHooks hooks = new ToolHooks(hook(node, context, "pre"), hook(node, context, "post"));
        String instructions = (base.userInstructions() == null ? "" : base.userInstructions() + "\n\n")
                + StatusRelay.INSTRUCTIONS;
        SessionConfig config = base.toBuilder().toolHooks(hooks.isEmpty() ? base.toolHooks() : hooks)
                .userInstructions(instructions).build();
        AtomicReference<String> current = new AtomicReference<>(node.id());
        Session session = Session.builder(client, profile, environment).config(config)
                .usageGate(spend.forNode(current::get))
                .sink(event -> {
                    for (StageEventSink sink : sinks) {
                        try {
                            sink.accept(current.get(), event);
                        } catch (RuntimeException ignored) {
                            // sinks must not throw; one that does is skipped
                        }
                    }
                }).build();
        return new AgentThread(session, current);
    }

    private static String hook(Node node, Context context, String which) {
        return node.attrs().get("tool_hooks." + which)
                .orElse(context.getString("graph.tool_hooks." + which, null));
    }

    private String defaultModel(String provider, Node node) {
        if (options.defaultModel() != null) {
            return options.defaultModel();
        }
        return ModelCatalog.builtIn().latest(provider, "tools").map(ModelInfo::id).orElseThrow(() ->
                new PipelineException("node " + node.id() + " has no llm_model and the catalog knows no model for "
                        + provider + "; set llm_model", false, null));
    }

    /** Closes the sessions kept for {@code full} fidelity threads. */
    @Override
    public void close() {
        threads.values().forEach(t -> t.session().close());
        threads.clear();
    }
}
