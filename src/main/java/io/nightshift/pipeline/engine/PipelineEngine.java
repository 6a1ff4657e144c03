package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.event.EventSink;
import io.nightshift.pipeline.event.PipelineEvent;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.HandlerRegistry;
import io.nightshift.pipeline.handler.Handlers;
import io.nightshift.pipeline.run.ArtifactStore;
import io.nightshift.pipeline.run.Checkpoint;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one pipeline (attractor-spec 3.1 from INITIALIZE, 3.2 to 3.7, 5.3 to 5.6): one engine, one run. The graph
 * must already be transformed and validated. {@link #run} blocks until the run ends and reports how in a
 * {@link RunResult}; it throws {@link PipelineException} only when the run cannot start (no start node, no
 * directory to resume, a checkpoint that does not fit the graph). {@link #cancel} may be called from any thread.
 */
public final class PipelineEngine {

    private final RunConfig config;
    private final Cancellation cancellation = new Cancellation();
    private final Context context = new Context();
    private final List<String> completed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> retries = new ConcurrentHashMap<>();
    private final Map<String, String> outcomes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger stageIndex = new AtomicInteger();
    private final AtomicInteger children = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile String runId = "";
    private volatile RunDirectory dir;
    private EventsFile eventsFile;
    private EventBus bus;
    private StageExecutor executor;
    private Router router;
    private ArtifactStore artifacts;
    private String lastNode = "";
    private Outcome lastOutcome;
    private boolean degradePending;
    private int restarts;
    private long startNanos;

    public PipelineEngine(RunConfig config) {
        this.config = config;
    }

    /** Runs the graph, or resumes it when the config says {@code resume}. */
    public RunResult run(Graph graph) {
        return execute(graph, config.resume());
    }

    /** Continues the run in the config's logs root from its checkpoint (attractor-spec 5.3). */
    public RunResult resume(Graph graph) {
        return execute(graph, true);
    }

    /** Stops the run: the running handler is interrupted and the run ends as cancelled. Idempotent. */
    public void cancel() {
        cancel("cancelled by request");
    }

    public void cancel(String reason) {
        cancellation.cancel(reason);
    }

    public String runId() {
        return runId;
    }

    /** The current run directory (it moves on a loop restart); null before the run starts. */
    public Path logsRoot() {
        RunDirectory d = dir;
        return d == null ? null : d.root();
    }

    /** The live run context (thread-safe; read it, do not write it from outside). */
    public Context context() {
        return context;
    }

    public int completedCount() {
        return completed.size();
    }

    static boolean isTerminal(Node node) {
        return node.isExit() || HandlerTypes.EXIT.equals(node.handlerType());
    }

    private RunResult execute(Graph graph, boolean resuming) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a PipelineEngine runs one pipeline once; create a new engine");
        }
        Node start = graph.startNode().orElseThrow(() -> new PipelineException("pipeline '" + graph.id()
                + "' has no start node (shape=Mdiamond or id start): run validation first"));
        RunDirectory runDir = new RunDirectory(config.logsRoot(), config.fsync());
        if (resuming && !Files.isDirectory(runDir.root())) {
            throw new PipelineException("cannot resume: run directory " + runDir.root() + " does not exist");
        }
        runDir.create();
        Optional<Checkpoint> checkpoint = resuming ? runDir.readCheckpoint() : Optional.empty();
        Optional<Manifest> manifest = resuming ? runDir.readManifest() : Optional.empty();
        checkpoint.map(Checkpoint::currentNode).filter(id -> !id.isEmpty() && graph.node(id).isEmpty())
                .ifPresent(id -> {
                    throw new PipelineException("cannot resume: the checkpoint in " + runDir.root() + " names node '"
                            + id + "', which pipeline '" + graph.id()
                            + "' does not have; resume with the DOT file the run started with");
                });
        runId = manifest.map(Manifest::runId).filter(s -> !s.isBlank())
                .orElse(config.runId() != null ? config.runId() : newRunId());
        List<EventSink> sinks = new ArrayList<>();
        eventsFile = new EventsFile(runDir.eventsFile()).open();
        sinks.add(eventsFile);
        sinks.addAll(config.sinks());
        bus = new EventBus(runId, config.clock(), EventsFile.lastSeq(runDir.eventsFile()), sinks);
        HandlerRegistry registry = Handlers.builtIns(config.backend(), config.interviewer(), config.environment(),
                config.graphLoader(), config.defaultToolTimeout());
        config.registryCustomizer().accept(registry);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        router = new Router(graph);
        executor = new StageExecutor(graph, registry, bus, cancellation, config.sleeper(), config.random(), threads,
                stageIndex, runId);
        startNanos = System.nanoTime();
        try {
            useDirectory(graph, runDir);
            if (checkpoint.isPresent()) {
                return resumeFrom(graph, start, checkpoint.get());
            }
            initContext(graph);
            if (manifest.isEmpty()) {
                runDir.writeManifest(manifestFor(graph, null));
            }
            bus.emit((run, seq, at) -> new PipelineEvent.PipelineStarted(run, seq, at, graph.id(), graph.goal(),
                    runDir.root().toString()));
            saveCheckpoint("running", "");
            return loop(graph, new Step(start, null, ""));
        } catch (PipelineException e) {
            return failed(e.getMessage(), lastNode);
        } catch (RuntimeException e) {
            return failed("internal error: " + e, lastNode);
        } finally {
            threads.shutdownNow();
            eventsFile.close();
        }
    }

    /** The next node to run, the edge that led there (null after a jump) and the node before it. */
    private record Step(Node node, Edge incoming, String previous) {
    }

    private RunResult loop(Graph graph, Step first) {
        Step step = first;
        while (true) {
            Node node = step.node();
            if (cancellation.isCancelled()) {
                return cancelled(node.id());
            }
            if (isTerminal(node)) {
                Node gate = unsatisfiedGoalGate(graph);
                if (gate != null) {
                    String target = router.goalGateTarget(gate);
                    if (target == null) {
                        return failed("goal gate '" + gate.id() + "' is unsatisfied (" + outcomes.get(gate.id())
                                + ") and no retry_target or fallback_retry_target is set on it or on the graph",
                                gate.id());
                    }
                    emitEdge(node.id(), target, "", "goal_gate_retry");
                    context.appendLog("goal gate " + gate.id() + " unsatisfied: back to " + target);
                    step = new Step(graph.node(target).orElseThrow(), null, node.id());
                    continue;
                }
            }
            Fidelity fidelity = Fidelity.resolve(node, step.incoming(), graph, step.previous());
            if (degradePending && Fidelity.FULL.equals(fidelity.mode())) {
                fidelity = fidelity.degraded();
                degradePending = false;
            }
            Outcome outcome;
            try {
                outcome = executor.execute(node, context, fidelity, retries);
            } catch (RunCancelledException e) {
                return cancelled(node.id());
            }
            record(node, outcome);
            saveCheckpoint("running", node.id());
            if (isTerminal(node)) {
                return succeeded();
            }
            Object next = advance(graph, node, router.next(node, outcome, context));
            if (next instanceof RunResult done) {
                return done;
            }
            step = (Step) next;
        }
    }

    /** Turns a routing decision into the next step, or the end of the run. */
    private Object advance(Graph graph, Node from, Router.Decision decision) {
        return switch (decision) {
            case Router.Follow f -> {
                emitEdge(from.id(), f.edge().to(), f.edge().label(), f.reason());
                Node target = graph.node(f.edge().to()).orElseThrow(() -> new PipelineException(
                        "edge " + f.edge() + " leads to node '" + f.edge().to() + "', which does not exist"));
                if (f.edge().loopRestart()) {
                    Object restarted = restart(graph, from, target);
                    yield restarted;
                }
                yield new Step(target, f.edge(), from.id());
            }
            case Router.Jump j -> {
                emitEdge(from.id(), j.target(), "", j.reason());
                yield new Step(graph.node(j.target()).orElseThrow(), null, from.id());
            }
            case Router.End e -> e.failureReason() == null ? succeeded() : failed(e.failureReason(), from.id());
        };
    }

    private RunResult resumeFrom(Graph graph, Node start, Checkpoint cp) {
        context.restore(cp.context(), cp.logs());
        completed.addAll(cp.completedNodes());
        retries.putAll(cp.nodeRetries());
        outcomes.putAll(cp.nodeOutcomes());
        stageIndex.set(cp.stageIndex());
        degradePending = true;
        lastNode = cp.currentNode();
        Step step;
        if (cp.currentNode().isEmpty()) {
            step = new Step(start, null, "");
        } else {
            Node from = graph.node(cp.currentNode()).orElseThrow();
            lastOutcome = outcomeFrom(cp);
            if (isTerminal(from) || cp.status().equals("success")) {
                emitResumed(graph, from.id(), "");
                return succeeded();
            }
            Router.Decision d = router.next(from, lastOutcome, context);
            if (d instanceof Router.End end && end.failureReason() != null) {
                step = new Step(from, null, "");
            } else {
                emitResumed(graph, from.id(), switch (d) {
                    case Router.Follow f -> f.edge().to();
                    case Router.Jump j -> j.target();
                    case Router.End e -> "";
                });
                Object next = advance(graph, from, d);
                if (next instanceof RunResult done) {
                    return done;
                }
                return loop(graph, (Step) next);
            }
        }
        emitResumed(graph, cp.currentNode(), step.node().id());
        return loop(graph, step);
    }

    private void emitResumed(Graph graph, String from, String next) {
        String root = dir.root().toString();
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineResumed(run, seq, at, graph.id(), root, from, next));
    }

    private Object restart(Graph graph, Node from, Node target) {
        if (++restarts > config.maxLoopRestarts()) {
            return failed("loop_restart limit of " + config.maxLoopRestarts() + " reached (edge " + from.id() + " -> "
                    + target.id() + "); raise RunConfig.maxLoopRestarts if the loop is intended", from.id());
        }
        RunDirectory old = dir;
        RunDirectory fresh = new RunDirectory(restartRoot(old.root()), config.fsync()).create();
        bus.emit((run, seq, at) -> new PipelineEvent.LoopRestarted(run, seq, at, from.id(), target.id(),
                fresh.root().toString()));
        saveCheckpoint("restarted", "");
        bus.removeSink(eventsFile);
        eventsFile.close();
        eventsFile = new EventsFile(fresh.eventsFile()).open();
        bus.addSink(eventsFile);
        useDirectory(graph, fresh);
        context.restore(Map.of(), List.of());
        completed.clear();
        retries.clear();
        outcomes.clear();
        lastNode = "";
        lastOutcome = null;
        initContext(graph);
        fresh.writeManifest(manifestFor(graph, old.root().toString()));
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineStarted(run, seq, at, graph.id(), graph.goal(),
                fresh.root().toString()));
        saveCheckpoint("running", "");
        return new Step(target, null, "");
    }

    private static Path restartRoot(Path root) {
        String base = root.getFileName().toString().replaceFirst("-restart-\\d+$", "");
        Path parent = root.getParent();
        for (int n = 1; ; n++) {
            Path candidate = parent.resolve(base + "-restart-" + n);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private void useDirectory(Graph graph, RunDirectory runDir) {
        dir = runDir;
        artifacts = new ArtifactStore(runDir.root(), config.fsync(), config.clock());
        EngineBranchRunner branches = new EngineBranchRunner(graph, executor, router);
        executor.useRunDirectory(runDir, artifacts, branches, (child, root) -> EngineChildRun.start(
                childConfig(root), child));
    }

    private RunConfig childConfig(Path root) {
        return RunConfig.builder(root).backend(config.backend()).interviewer(config.interviewer())
                .environment(config.environment()).graphLoader(config.graphLoader()).clock(config.clock())
                .sleeper(config.sleeper()).random(config.random()).registryCustomizer(config.registryCustomizer())
                .runId(runId + "-child-" + children.incrementAndGet()).fsync(config.fsync())
                .defaultToolTimeout(config.defaultToolTimeout()).build();
    }

    private void initContext(Graph graph) {
        Map<String, Object> mirrored = new LinkedHashMap<>();
        mirrored.put("graph.goal", graph.goal());
        graph.attrs().asMap().forEach((k, v) -> mirrored.put("graph." + k, v));
        context.applyUpdates(mirrored);
        context.applyUpdates(config.extraContext());
    }

    private Manifest manifestFor(Graph graph, String restartedFrom) {
        return new Manifest(graph.id(), graph.goal(), config.clock().instant().toString(), runId, graph.sourceFile(),
                restartedFrom);
    }

    private void record(Node node, Outcome outcome) {
        completed.add(node.id());
        context.applyUpdates(outcome.contextUpdates());
        if (outcome.status() != StageStatus.SKIPPED) {
            outcomes.put(node.id(), outcome.status().wireName());
            context.set("outcome", outcome.status().wireName());
            if (!outcome.preferredLabel().isEmpty()) {
                context.set("preferred_label", outcome.preferredLabel());
            }
        }
        context.appendLog(node.id() + ": " + outcome.status().wireName());
        lastNode = node.id();
        lastOutcome = outcome;
    }

    private Node unsatisfiedGoalGate(Graph graph) {
        synchronized (outcomes) {
            for (Map.Entry<String, String> e : outcomes.entrySet()) {
                Optional<Node> n = graph.node(e.getKey());
                if (n.isPresent() && n.get().goalGate() && !StageStatus.fromWire(e.getValue()).isSuccess()) {
                    return n.get();
                }
            }
        }
        return null;
    }

    private void emitEdge(String from, String to, String label, String reason) {
        bus.emit((run, seq, at) -> new PipelineEvent.EdgeSelected(run, seq, at, from, to, label, reason));
    }

    private void saveCheckpoint(String status, String savedNode) {
        Checkpoint cp;
        synchronized (outcomes) {
            cp = new Checkpoint(config.clock().instant().toString(), lastNode, List.copyOf(completed),
                    new LinkedHashMap<>(retries), new LinkedHashMap<>(outcomes), context.snapshot(), context.logs(),
                    outcomeMap(lastOutcome), status, stageIndex.get());
        }
        dir.writeCheckpoint(cp);
        String node = savedNode.isEmpty() ? lastNode : savedNode;
        bus.emit((run, seq, at) -> new PipelineEvent.CheckpointSaved(run, seq, at, node));
    }

    private static Map<String, Object> outcomeMap(Outcome o) {
        if (o == null) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", o.status().wireName());
        m.put("preferred_label", o.preferredLabel());
        m.put("suggested_next_ids", o.suggestedNextIds());
        m.put("notes", o.notes());
        m.put("failure_reason", o.failureReason());
        if (o.contextUpdates().containsKey(io.nightshift.pipeline.handler.ParallelHandler.JOIN_NODE_KEY)) {
            m.put("context_updates", Map.of(io.nightshift.pipeline.handler.ParallelHandler.JOIN_NODE_KEY,
                    o.contextUpdates().get(io.nightshift.pipeline.handler.ParallelHandler.JOIN_NODE_KEY)));
        }
        return m;
    }

    private Outcome outcomeFrom(Checkpoint cp) {
        Map<String, Object> m = cp.lastOutcome();
        String status = m.containsKey("outcome") ? String.valueOf(m.get("outcome"))
                : cp.nodeOutcomes().getOrDefault(cp.currentNode(), "success");
        List<String> next = new ArrayList<>();
        if (m.get("suggested_next_ids") instanceof List<?> l) {
            l.forEach(x -> next.add(String.valueOf(x)));
        }
        Map<String, Object> updates = new LinkedHashMap<>();
        if (m.get("context_updates") instanceof Map<?, ?> cu) {
            cu.forEach((k, v) -> updates.put(String.valueOf(k), v));
        }
        return new Outcome(StageStatus.fromWire(status), String.valueOf(m.getOrDefault("preferred_label", "")), next,
                updates, String.valueOf(m.getOrDefault("notes", "")),
                String.valueOf(m.getOrDefault("failure_reason", "")));
    }

    private RunResult succeeded() {
        saveCheckpoint("success", "");
        long ms = elapsedMs();
        int artifactCount = artifacts.size();
        int done = completed.size();
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineCompleted(run, seq, at, ms, artifactCount, done));
        return result(RunStatus.SUCCESS, "", "");
    }

    private RunResult failed(String reason, String nodeId) {
        try {
            saveCheckpoint("fail", "");
        } catch (RuntimeException e) {
            reason = reason + " (and the final checkpoint could not be written: " + e.getMessage() + ")";
        }
        long ms = elapsedMs();
        String why = reason;
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineFailed(run, seq, at, why, nodeId, ms));
        return result(RunStatus.FAIL, why, nodeId);
    }

    private RunResult cancelled(String nodeId) {
        saveCheckpoint("cancelled", "");
        long ms = elapsedMs();
        String reason = cancellation.reason();
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineCancelled(run, seq, at, reason, nodeId, ms));
        return result(RunStatus.CANCELLED, reason, "");
    }

    private RunResult result(RunStatus status, String reason, String failedNode) {
        Map<String, String> outs;
        synchronized (outcomes) {
            outs = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        }
        return new RunResult(runId, status, reason, failedNode, List.copyOf(completed), outs, context.snapshot(),
                dir.root(), elapsedMs());
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String newRunId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
