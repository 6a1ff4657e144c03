package io.nightshift.agent.session;

import io.nightshift.agent.AgentException;
import io.nightshift.event.AgentEvent;
import io.nightshift.agent.event.AgentEventQueue;
import io.nightshift.event.AgentEventSink;
import io.nightshift.agent.event.AgentEventFanOut;
import io.nightshift.agent.profile.ProviderProfile;
import io.nightshift.agent.prompt.EnvironmentContext;
import io.nightshift.agent.prompt.EnvironmentProbe;
import io.nightshift.agent.prompt.ProjectDocs;
import io.nightshift.agent.tool.AgentSpawner;
import io.nightshift.agent.truncate.OutputTruncator;
import io.nightshift.llm.Client;
import io.nightshift.llm.Usage;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A coding agent conversation (coding-agent spec 2.1): history, queues, limits and the event stream around
 * one profile and one execution environment. {@link #submit} runs the agentic loop on the calling thread until
 * the model finishes, a limit stops it or the session is aborted. One input is processed at a time; {@link #steer},
 * {@link #followUp}, {@link #setReasoningEffort}, {@link #abort} and the accessors may be called from any thread.
 *
 * <p>SESSION_START is emitted when the session is built (to the sinks given to the builder), SESSION_END exactly
 * once when it closes. Closing does not clean up the execution environment: the caller owns it.
 */
public final class Session implements AutoCloseable {

    private final String id = UUID.randomUUID().toString();
    private final Client client;
    private final ProviderProfile profile;
    private final ExecutionEnvironment environment;
    private final AgentEventFanOut emitter = new AgentEventFanOut();
    private final Clock clock;
    private final int depth;
    private final List<Turn> history = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> steering = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> followUps = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object lock = new Object();
    private final ToolDispatcher dispatcher;
    private final SubAgentManager subagents;
    private final AgentLoop loop;
    private volatile SessionConfig config;
    private volatile SessionState state = SessionState.IDLE;
    private volatile boolean aborted;
    private final OutputTruncator truncator;
    private final String systemPrompt;
    private final ModelRetry modelRetry;
    private Usage usage = Usage.ZERO;
    private final UsageGate usageGate;

    private Session(Builder b) {
        this.client = b.client;
        this.profile = b.profile;
        this.environment = b.environment;
        this.config = b.config;
        this.clock = b.clock;
        this.depth = b.depth;
        this.modelRetry = b.modelRetry;
        this.usageGate = b.usageGate;
        this.truncator = new OutputTruncator(config.toolOutputLimits(), config.toolLineLimits());
        b.sinks.forEach(emitter::add);
        this.dispatcher = new ToolDispatcher(this);
        this.subagents = new SubAgentManager(this);
        this.loop = new AgentLoop(this);
        emit(new AgentEvent.SessionStart(id, now(), profile.id(), profile.model(), b.parentId, depth));
        this.systemPrompt = buildSystemPrompt();
    }

    public static Builder builder(Client client, ProviderProfile profile, ExecutionEnvironment environment) {
        return new Builder(client, profile, environment);
    }

    public String id() {
        return id;
    }

    public SessionState state() {
        return state;
    }

    public ProviderProfile profile() {
        return profile;
    }

    public ExecutionEnvironment environment() {
        return environment;
    }

    public SessionConfig config() {
        return config;
    }

    /** A snapshot of the history. */
    public List<Turn> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Token usage summed over every LLM call of this session. */
    public synchronized Usage totalUsage() {
        return usage;
    }

    /** The nesting level: 0 for a top-level session, 1 for its subagents, and so on. */
    public int depth() {
        return depth;
    }

    public void addSink(AgentEventSink sink) {
        emitter.add(sink);
    }

    public void removeSink(AgentEventSink sink) {
        emitter.remove(sink);
    }

    /** A blocking iterator over the events from now on, ending after SESSION_END (spec 2.9). */
    public AgentEventQueue subscribe() {
        AgentEventQueue queue = new AgentEventQueue(id);
        emitter.add(queue);
        return queue;
    }

    /** Processes one input (spec 2.5) and any follow-ups queued meanwhile; blocks until done. */
    public ProcessingResult submit(String input) {
        if (input == null || input.isBlank()) {
            throw new AgentException("the input is empty; submit the task or answer as text", false);
        }
        synchronized (lock) {
            if (state == SessionState.CLOSED) {
                throw new AgentException("session " + id + " is closed; start a new session", false);
            }
            if (state == SessionState.PROCESSING) {
                throw new AgentException("session " + id + " is already processing an input; use steer() or "
                        + "followUp() to add to it", false);
            }
            state = SessionState.PROCESSING;
        }
        ProcessingResult result = loop.process(input);
        synchronized (lock) {
            if (aborted || result.stopReason() == StopReason.ERROR) {
                finish(aborted ? "aborted" : "error: " + result.error());
                return result;
            }
            state = result.stopReason() == StopReason.AWAITING_INPUT ? SessionState.AWAITING_INPUT : SessionState.IDLE;
            emit(new AgentEvent.ProcessingEnd(id, now(), result.stopReason().name(), state.name()));
        }
        return result;
    }

    /** {@link #submit} on a virtual thread. */
    public CompletableFuture<ProcessingResult> submitAsync(String input) {
        CompletableFuture<ProcessingResult> future = new CompletableFuture<>();
        Thread.ofVirtual().name("agent-" + id).start(() -> {
            try {
                future.complete(submit(input));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /** Queues a message injected after the current tool round, or before the next LLM call when idle (2.6). */
    public void steer(String message) {
        steering.add(message);
    }

    /** Queues an input processed once the current one completes (2.6). */
    public void followUp(String message) {
        followUps.add(message);
    }

    /** Changes the reasoning effort from the next LLM call on (2.7); null for the provider default. */
    public void setReasoningEffort(String effort) {
        this.config = config.withReasoningEffort(effort);
    }

    /**
     * Graceful shutdown (spec 2.8, Appendix B): cancels the LLM call in flight, interrupts running tools (their
     * process groups are terminated), closes subagents, emits SESSION_END and moves to CLOSED. Returns at once;
     * a {@link #submit} in progress returns {@link StopReason#ABORTED}.
     */
    public void abort() {
        synchronized (lock) {
            if (state == SessionState.CLOSED) {
                return;
            }
            aborted = true;
            loop.cancelCall();
            dispatcher.cancelAll();
            subagents.closeAll();
            if (state != SessionState.PROCESSING) {
                finish("aborted");
            }
        }
    }

    /** Closes an idle session (IDLE -> CLOSED); aborts one that is processing. */
    @Override
    public void close() {
        synchronized (lock) {
            if (state == SessionState.PROCESSING) {
                abort();
                return;
            }
            if (state != SessionState.CLOSED) {
                subagents.closeAll();
                finish("closed");
            }
        }
    }

    private void finish(String reason) {
        if (ended.compareAndSet(false, true)) {
            state = SessionState.CLOSED;
            loop.cancelCall();
            dispatcher.shutdown();
            subagents.closeAll();
            emit(new AgentEvent.SessionEnd(id, now(), SessionState.CLOSED.name(), reason));
        }
    }

    // ---- used by the loop, the dispatcher and the subagent manager ----

    void emit(AgentEvent event) {
        emitter.emit(event);
    }

    Instant now() {
        return clock.instant();
    }

    boolean aborted() {
        return aborted;
    }

    Client client() {
        return client;
    }

    ModelRetry modelRetry() {
        return modelRetry;
    }

    Clock clock() {
        return clock;
    }

    ToolDispatcher dispatcher() {
        return dispatcher;
    }

    OutputTruncator truncator() {
        return truncator;
    }

    AgentSpawner subagents() {
        return depth < config.maxSubagentDepth() ? subagents : subagents.refusing();
    }

    AgentEventFanOut emitter() {
        return emitter;
    }

    void append(Turn turn) {
        synchronized (history) {
            history.add(turn);
        }
    }

    List<Turn> historyView() {
        return history;
    }

    String pollSteering() {
        return steering.poll();
    }

    String pollFollowUp() {
        return followUps.poll();
    }

    UsageGate usageGate() {
        return usageGate;
    }

    synchronized void addUsage(Usage more) {
        usage = usage.plus(more);
    }

    /** The system prompt (6.1), built at session start from a snapshot of the environment (6.3 to 6.5). */
    public String systemPrompt() {
        return systemPrompt;
    }

    private String buildSystemPrompt() {
        EnvironmentContext context = EnvironmentProbe.probe(environment, profile.model(), profile.knowledgeCutoff(),
                clock);
        String docs = ProjectDocs.discover(environment, profile.projectDocNames());
        return profile.buildSystemPrompt(context, docs, config.userInstructions());
    }

    /** Builds a {@link Session}. */
    public static final class Builder {
        private final Client client;
        private final ProviderProfile profile;
        private final ExecutionEnvironment environment;
        private SessionConfig config = SessionConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private final List<AgentEventSink> sinks = new ArrayList<>();
        private int depth;
        private String parentId;
        private ModelRetry modelRetry = ModelRetry.DEFAULT;
        private UsageGate usageGate = UsageGate.NONE;

        private Builder(Client client, ProviderProfile profile, ExecutionEnvironment environment) {
            if (client == null || profile == null || environment == null) {
                throw new AgentException("a session needs an LLM client, a provider profile and an execution environment",
                        false);
            }
            this.client = client;
            this.profile = profile;
            this.environment = environment;
        }

        public Builder config(SessionConfig value) {
            this.config = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** A sink that sees every event from SESSION_START on. */
        public Builder sink(AgentEventSink value) {
            sinks.add(value);
            return this;
        }

        /** How model calls that meet a transient provider fault are retried; {@link ModelRetry#DEFAULT} unless set. */
        public Builder modelRetry(ModelRetry value) {
            this.modelRetry = value == null ? ModelRetry.DEFAULT : value;
            return this;
        }

        /** Meters every model call of the session and of its subagents; {@link UsageGate#NONE} by default. */
        public Builder usageGate(UsageGate value) {
            this.usageGate = value == null ? UsageGate.NONE : value;
            return this;
        }

        Builder parent(Session parent) {
            this.usageGate = parent.usageGate;
            this.depth = parent.depth + 1;
            this.parentId = parent.id;
            this.modelRetry = parent.modelRetry;
            return this;
        }

        public Session build() {
            return new Session(this);
        }
    }
}
