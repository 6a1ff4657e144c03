package io.nightshift.pipeline.engine;

import io.nightshift.event.EventSink;
import io.nightshift.event.Trigger;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.budget.SpendMeter;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.handler.GraphLoader;
import io.nightshift.pipeline.handler.HandlerRegistry;
import io.nightshift.pipeline.handler.SimulationBackend;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Everything one run needs. Build with {@link #builder(Path)}; only the logs root is required.
 *
 * @param logsRoot the run directory (created if missing; with {@code resume}, the directory to resume)
 * @param backend codergen backend; {@link SimulationBackend} by default
 * @param interviewer answers human gates; none by default (gates then fail with a clear reason)
 * @param environment runs tool commands; none by default
 * @param graphLoader loads child DOT files for manager loops; none by default
 * @param sinks receive every event (events.jsonl is always written besides them)
 * @param extraContext initial context values ({@code --set key=value}), applied after graph mirroring
 * @param registryCustomizer registers custom handlers or replaces built-ins, after the built-ins
 * @param runId the run id; generated when null (on resume, the manifest's id wins)
 * @param fsync force each run file to disk before renaming it (slower, survives power loss)
 * @param maxLoopRestarts how many {@code loop_restart} edges a run may take before it fails
 * @param stageHook runs after every top-level stage and its checkpoint; none by default
 * @param workspaceHooks records each stage's file changes before its status and checkpoint are written, and gives
 *        parallel branches their own workspace; {@link WorkspaceHooks#NONE} by default
 * @param budget the run's budget from the command line or the job; each limit it sets wins over the graph's
 *        {@code max_tokens}, {@code max_cost_usd} and {@code max_time}
 * @param meter counts the run's spend; the codergen backend records model calls in it (a fresh meter by default)
 * @param stallTimeout stops a stage that reports no progress for this long; null for the graph's
 *        {@code stall_timeout}, else 15 minutes
 * @param simulated no real model runs the codergen stages ({@code final.json} says so)
 * @param stageMaxBytes the disk bound of one stage's directory (what its tool command and the host wrote there),
 *        measured after each attempt ({@link StageOutputBound}); {@link #DEFAULT_STAGE_MAX_BYTES} when 0 or less
 * @param trigger what started the run, told in its {@code pipeline_started} event; null when unknown
 */
public record RunConfig(Path logsRoot, CodergenBackend backend, Interviewer interviewer,
        ExecutionEnvironment environment, GraphLoader graphLoader, List<EventSink> sinks, Clock clock,
        Sleeper sleeper, RandomGenerator random, boolean resume, Map<String, Object> extraContext,
        Consumer<HandlerRegistry> registryCustomizer, String runId, boolean fsync, Duration defaultToolTimeout,
        int maxLoopRestarts, StageHook stageHook, WorkspaceHooks workspaceHooks, Budget budget, SpendMeter meter,
        Duration stallTimeout, boolean simulated, long stageMaxBytes, Trigger trigger) {

    /** 1 GiB: a stage directory holds a status, prompts, responses and tool output, not builds (the workspace does). */
    public static final long DEFAULT_STAGE_MAX_BYTES = 1L << 30;

    public RunConfig {
        if (logsRoot == null) {
            throw new IllegalArgumentException("a run needs a logs root directory");
        }
        backend = backend == null ? new SimulationBackend() : backend;
        sinks = List.copyOf(sinks == null ? List.of() : sinks);
        clock = clock == null ? Clock.systemUTC() : clock;
        random = random == null ? RandomGenerator.getDefault() : random;
        extraContext = extraContext == null ? Map.of() : Map.copyOf(extraContext);
        registryCustomizer = registryCustomizer == null ? r -> { } : registryCustomizer;
        defaultToolTimeout = defaultToolTimeout == null ? Duration.ofMinutes(10) : defaultToolTimeout;
        maxLoopRestarts = maxLoopRestarts <= 0 ? 100 : maxLoopRestarts;
        stageHook = stageHook == null ? (id, outcome, root) -> { } : stageHook;
        workspaceHooks = workspaceHooks == null ? WorkspaceHooks.NONE : workspaceHooks;
        budget = budget == null ? Budget.NONE : budget;
        meter = meter == null ? new SpendMeter() : meter;
        stageMaxBytes = stageMaxBytes <= 0 ? DEFAULT_STAGE_MAX_BYTES : stageMaxBytes;
    }

    public static Builder builder(Path logsRoot) {
        return new Builder(logsRoot);
    }

    public Builder toBuilder() {
        Builder b = new Builder(logsRoot).backend(backend).interviewer(interviewer).environment(environment)
                .graphLoader(graphLoader).clock(clock).sleeper(sleeper).random(random).resume(resume)
                .registryCustomizer(registryCustomizer).runId(runId).fsync(fsync)
                .defaultToolTimeout(defaultToolTimeout).maxLoopRestarts(maxLoopRestarts).stageHook(stageHook)
                .workspaceHooks(workspaceHooks).budget(budget).meter(meter).stallTimeout(stallTimeout)
                .simulated(simulated).stageMaxBytes(stageMaxBytes).trigger(trigger);
        sinks.forEach(b::sink);
        extraContext.forEach(b::set);
        return b;
    }

    public static final class Builder {
        private Path logsRoot;
        private CodergenBackend backend;
        private Interviewer interviewer;
        private ExecutionEnvironment environment;
        private GraphLoader graphLoader;
        private final List<EventSink> sinks = new ArrayList<>();
        private Clock clock;
        private Sleeper sleeper;
        private RandomGenerator random;
        private boolean resume;
        private final Map<String, Object> extraContext = new LinkedHashMap<>();
        private Consumer<HandlerRegistry> registryCustomizer;
        private String runId;
        private boolean fsync;
        private Duration defaultToolTimeout;
        private int maxLoopRestarts;
        private StageHook stageHook;
        private WorkspaceHooks workspaceHooks;
        private Budget budget;
        private SpendMeter meter;
        private Duration stallTimeout;
        private boolean simulated;
        private long stageMaxBytes;
        private Trigger trigger;

        private Builder(Path logsRoot) {
            this.logsRoot = logsRoot;
        }

        public Builder logsRoot(Path v) { logsRoot = v; return this; }
        public Builder backend(CodergenBackend v) { backend = v; return this; }
        public Builder interviewer(Interviewer v) { interviewer = v; return this; }
        public Builder environment(ExecutionEnvironment v) { environment = v; return this; }
        public Builder graphLoader(GraphLoader v) { graphLoader = v; return this; }
        public Builder sink(EventSink v) { sinks.add(v); return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder sleeper(Sleeper v) { sleeper = v; return this; }
        public Builder random(RandomGenerator v) { random = v; return this; }
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder set(String key, Object value) { extraContext.put(key, value); return this; }
        public Builder registryCustomizer(Consumer<HandlerRegistry> v) { registryCustomizer = v; return this; }
        public Builder runId(String v) { runId = v; return this; }
        public Builder fsync(boolean v) { fsync = v; return this; }
        public Builder defaultToolTimeout(Duration v) { defaultToolTimeout = v; return this; }
        public Builder maxLoopRestarts(int v) { maxLoopRestarts = v; return this; }
        public Builder stageHook(StageHook v) { stageHook = v; return this; }
        public Builder workspaceHooks(WorkspaceHooks v) { workspaceHooks = v; return this; }
        public Builder budget(Budget v) { budget = v; return this; }
        public Builder meter(SpendMeter v) { meter = v; return this; }
        public Builder stallTimeout(Duration v) { stallTimeout = v; return this; }
        public Builder simulated(boolean v) { simulated = v; return this; }
        public Builder stageMaxBytes(long v) { stageMaxBytes = v; return this; }
        public Builder trigger(Trigger v) { trigger = v; return this; }

        public RunConfig build() {
            return new RunConfig(logsRoot, backend, interviewer, environment, graphLoader, sinks, clock, sleeper,
                    random, resume, extraContext, registryCustomizer, runId, fsync, defaultToolTimeout,
                    maxLoopRestarts, stageHook, workspaceHooks, budget, meter, stallTimeout, simulated,
                    stageMaxBytes, trigger);
        }
    }
}
