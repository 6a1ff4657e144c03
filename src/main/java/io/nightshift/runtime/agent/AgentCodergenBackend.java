package io.nightshift.runtime.agent;

import io.nightshift.agent.event.AgentEventJson;
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
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.StageCall;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Everything a stage needs comes in its {@link StageCall}: fidelity, thread key, tool hooks, the run so far,
 * and the event stream its agent events go into. Outcome: the final assistant text is the response (the handler
 * writes {@code response.md}) and success unless the agent decided otherwise in a status it wrote at
 * {@code .nightshift/status.json} in its working directory (inside the sandbox), which the backend takes out of
 * the workspace and returns with the text. A session that stops on a limit, an error, an abort or the deadline is
 * a FAIL with the reason.
 *
 * <p>Thread-safe: parallel branches run their own sessions; stages sharing a thread key take turns.
 */
public final class AgentCodergenBackend implements CodergenBackend, AutoCloseable {

    /** A session and the stage it currently works for (a {@code full} fidelity thread moves from stage to stage). */
    private record AgentThread(Session session, AtomicReference<StageCall> stage) {
    }

    static final long SHUTDOWN_WAIT_MS = 5_000;

    private final Client client;
    private final StageEnvironments environments;
    private final AgentBackendOptions options;
    private final Map<String, AgentThread> threads = new ConcurrentHashMap<>();
    /** The sessions working on a stage now, by run id: what {@link #steer} reaches. */
    private final Map<String, java.util.Set<Session>> working = new ConcurrentHashMap<>();
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

    /** Meters every model call of every stage against the run's budgets, stopping a stage that reaches one. */
    public void meter(SpendGate gate) {
        this.spend = gate == null ? SpendGate.NONE : gate;
    }

    /** Judges stages with {@code harness.suite} in place, feeding what the judge discloses back into the session. */
    public void useJudge(StageJudge stageJudge) {
        this.judge = stageJudge;
    }

    @Override
    public CodergenResult run(StageCall call) throws Exception {
        Node node = call.node();
        Context context = call.context();
        String provider = node.attrs().get("llm_provider")
                .or(() -> node.attrs().get("llm_model").flatMap(ModelNames::prefixProvider))
                .orElse(options.defaultProvider() != null ? options.defaultProvider() : client.defaultProvider());
        if (provider == null) {
            throw new PipelineException("node " + node.id() + " has no llm_provider and no LLM provider is configured;"
                    + " set llm_provider (anthropic, openai or gemini) or an API key", false, null);
        }
        String model = node.attrs().get("llm_model")
                .map(m -> ModelNames.provider(provider).isEmpty() ? m : ModelNames.modelId(m))
                .orElseGet(() -> defaultModel(provider, node));
        String effort = node.attrs().get("reasoning_effort").orElse(options.sessionConfig().reasoningEffort());
        String fidelity = call.fidelity();
        String threadId = call.threadId();
        boolean reuse = "full".equals(fidelity) && threadId != null;
        ExecutionEnvironment environment = environments.forStage(node, context);
        // A session is bound to the files it works on: a thread continued in another branch's worktree starts anew.
        AgentThread thread = reuse ? threads.compute(threadId, (key, existing) ->
                existing != null && existing.session().profile().id().equals(provider)
                        && existing.session().profile().model().equals(model)
                        && existing.session().environment() == environment
                        && existing.session().state() != SessionState.CLOSED
                        ? existing : open(provider, model, call, environment))
                : open(provider, model, call, environment);
        String input = reuse ? HarnessFeedback.section(context).map(f -> f + "\n# Your task\n\n").orElse("") + call.prompt()
                : FidelityPreamble.build(fidelity, context, call.run()) + "\n# Your task\n\n" + call.prompt();
        StageJudge stageJudge = judge;
        synchronized (thread) {
            thread.stage().set(call);
            thread.session().setReasoningEffort(effort);
            java.util.Set<Session> ofRun = working.computeIfAbsent(call.runId(), k -> ConcurrentHashMap.newKeySet());
            ofRun.add(thread.session());
            try {
                ProcessingResult result = submit(thread.session(), input, node.timeout().orElse(null));
                if (stageJudge != null && stageJudge.judges(node)) {
                    return judged(call, thread, result, stageJudge);
                }
                return finish(node, thread, result, Optional.empty());
            } finally {
                ofRun.remove(thread.session());
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
     * outcome and carries the harness keys into the context.
     */
    private CodergenResult judged(StageCall call, AgentThread thread, ProcessingResult first, StageJudge stageJudge)
            throws Exception {
        Node node = call.node();
        ProcessingResult result = first;
        StageJudge.Verdict verdict = null;
        Optional<Outcome> fromAgent = Optional.empty();
        int maxRounds = stageJudge.maxRounds(node);
        for (int round = 1; finishedNormally(result); round++) {
            // a status the agent left is its say on the stage, not part of the snapshot judged
            Optional<Outcome> taken = StatusRelay.take(thread.session().environment());
            fromAgent = taken.isPresent() ? taken : fromAgent;
            verdict = stageJudge.judge(call, round);
            if (verdict.satisfied() || round >= maxRounds) {
                break;
            }
            result = submit(thread.session(), verdict.followUp(), node.timeout().orElse(null));
        }
        CodergenResult agent = finish(node, thread, result, fromAgent);
        if (verdict == null) {
            return agent;
        }
        return Verdicts.apply(agent, verdict);
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

    /** The result of a session's last turn; {@code earlier} is a status the agent wrote in an earlier round. */
    private CodergenResult finish(Node node, AgentThread thread, ProcessingResult result, Optional<Outcome> earlier) {
        Optional<Outcome> taken = StatusRelay.take(thread.session().environment());
        Optional<Outcome> fromAgent = taken.isPresent() ? taken : earlier;
        return switch (result.stopReason()) {
            case COMPLETED, AWAITING_INPUT -> fromAgent.map(o -> CodergenResult.decided(result.finalText(), o))
                    .orElseGet(() -> CodergenResult.text(result.finalText()));
            case ROUND_LIMIT, TURN_LIMIT -> CodergenResult.status(Outcome.fail("agent stopped at its "
                    + (result.stopReason() == StopReason.ROUND_LIMIT
                    ? "tool round limit" : "turn limit") + " before finishing " + node.id()));
            case ABORTED -> CodergenResult.status(Outcome.fail(result.error() != null ? result.error()
                    : "the agent session was aborted"));
            case ERROR, CONTEXT_OVERFLOW -> CodergenResult.status(ProviderFailures.outcome(result.error(),
                    result.fault()));
            case BUDGET -> CodergenResult.status(Outcome.fail("budget exhausted: " + result.error()));
        };
    }

    private AgentThread open(String provider, String model, StageCall call, ExecutionEnvironment environment) {
        ProviderProfile profile = Profiles.forProvider(provider, model, options.profiles());
        SessionConfig base = options.sessionConfig();
        ToolHooks hooks = new ToolHooks(orNull(call.toolHooks().pre()), orNull(call.toolHooks().post()));
        String instructions = (base.userInstructions() == null ? "" : base.userInstructions() + "\n\n")
                + StatusRelay.INSTRUCTIONS;
        SessionConfig config = base.toBuilder().toolHooks(hooks.isEmpty() ? base.toolHooks() : hooks)
                .userInstructions(instructions).build();
        AtomicReference<StageCall> current = new AtomicReference<>(call);
        // each agent event goes into the stream of the stage the session works for now
        Session session = Session.builder(client, profile, environment).config(config)
                .usageGate(spend.forStage(current::get))
                .sink(event -> {
                    StageCall stage = current.get();
                    String nodeId = stage.node().id();
                    stage.events().emit((run, seq, at) -> new PipelineEvent.AgentActivity(run, seq, at, nodeId,
                            AgentEventJson.toJson(event)));
                }).build();
        return new AgentThread(session, current);
    }

    private static String orNull(String command) {
        return command.isEmpty() ? null : command;
    }

    private String defaultModel(String provider, Node node) {
        if (options.defaultModel() != null) {
            return options.defaultModel();
        }
        return ModelCatalog.builtIn().latest(provider, "tools").map(ModelInfo::id).orElseThrow(() ->
                new PipelineException("node " + node.id() + " has no llm_model and the catalog knows no model for "
                        + provider + "; set llm_model", false, null));
    }

    @Override
    public int steer(String runId, String message) {
        java.util.Set<Session> sessions = working.getOrDefault(runId, java.util.Set.of());
        sessions.forEach(s -> s.steer(message));
        return sessions.size();
    }

    /** Closes the sessions kept for {@code full} fidelity threads. */
    @Override
    public void close() {
        threads.values().forEach(t -> t.session().close());
        threads.clear();
    }
}
