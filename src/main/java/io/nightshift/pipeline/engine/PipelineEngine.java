package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.budget.BudgetBreach;
import io.nightshift.event.SpendReport;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.HandlerRegistry;
import io.nightshift.pipeline.handler.Handlers;
import io.nightshift.pipeline.run.ArtifactStore;
import io.nightshift.pipeline.run.Checkpoint;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.FinalReport;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
    private final RunProgress progress = new RunProgress();
    private final AtomicInteger children = new AtomicInteger();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile String runId = "";
    private volatile RunDirectory dir;
    private EventsFile eventsFile;
    private volatile EventBus bus;
    private StageExecutor executor;
    private Router router;
    private ArtifactStore artifacts;
    private boolean degradePending;
    private int restarts;
    private long startNanos;
    private VisitBounds visits;
    private StallWatchdog watchdog;
    private String resumeNode = "";

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
        return progress.completed.size();
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
        watchdog = new StallWatchdog(RunLimits.stallTimeout(config, graph), cancellation);
        sinks.add(watchdog);
        bus = new EventBus(runId, config.clock(), EventsFile.lastSeq(runDir.eventsFile()), sinks);
        HandlerRegistry registry = Handlers.builtIns(config.backend(), config.interviewer(), config.environment(),
                config.graphLoader(), config.defaultToolTimeout(), config.workspaceHooks());
        config.registryCustomizer().accept(registry);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pipeline-timeouts-" + runId);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        router = new Router(graph);
        visits = new VisitBounds(graph);
        config.meter().begin(config.budget().over(Budget.ofGraph(graph.attrs())), RunLimits.nodeBudgets(graph),
                checkpoint.map(Checkpoint::spend).orElse(null), RunLimits.modelCallEvents(bus));
        watchdog.start(timer);
        executor = new StageExecutor(graph, registry, bus, cancellation, config.sleeper(), config.random(), timer,
                progress.stageIndex, runId, config.workspaceHooks(), progress.soFar(runId), config.meter(),
                config.stageMaxBytes());
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
                    runDir.root().toString(), config.trigger()));
            saveCheckpoint("running", "");
            return loop(graph, new Step(start, null, ""));
        } catch (RunStoppedException e) {
            throw e;
        } catch (PipelineException e) {
            return failed(e.getMessage(), progress.lastNode());
        } catch (RuntimeException e) {
            return failed("internal error: " + e, progress.lastNode());
        } finally {
            timer.shutdownNow();
            eventsFile.close();
        }
    }

    /** The next node to run, the edge that led there (null after a jump) and the node before it. */
    /** Where the run goes after a stage: to another stage, or to its end (STYLE 22: no {@code Object} unions). */
    private sealed interface Next {
    }

    /** The run ended with this result. */
    private record Finished(RunResult result) implements Next {
    }

    private record Step(Node node, Edge incoming, String previous) implements Next {
    }

    private RunResult loop(Graph graph, Step first) {
        Step step = first;
        while (true) {
            Node node = step.node();
            if (cancellation.isCancelled()) {
                return cancelled(node.id());
            }
            if (isTerminal(node)) {
                Node gate = progress.unsatisfiedGoalGate(graph);
                if (gate != null) {
                    String target = router.goalGateTarget(gate);
                    if (target == null) {
                        return failed("goal gate '" + gate.id() + "' is unsatisfied (" + progress.statusOf(gate.id())
                                + ") and no retry_target or fallback_retry_target is set on it or on the graph",
                                gate.id());
                    }
                    emitEdge(node.id(), target, "", "goal_gate_retry");
                    context.appendLog("goal gate " + gate.id() + " unsatisfied: back to " + target);
                    step = new Step(graph.node(target).orElseThrow(), null, node.id());
                    continue;
                }
            }
            String overVisited = visits.visit(node);
            if (overVisited != null) {
                return failed(overVisited, node.id());
            }
            Fidelity fidelity = Fidelity.resolve(node, step.incoming(), graph, step.previous());
            if (degradePending && Fidelity.FULL.equals(fidelity.mode())) {
                fidelity = fidelity.degraded();
                degradePending = false;
            }
            Outcome outcome;
            try {
                outcome = executor.execute(node, context, fidelity, progress.retries);
            } catch (RunCancelledException e) {
                if (!cancellation.isCancelled()) {
                    // nobody cancelled the run: its thread's owner interrupted it, so it stops as if killed (the
                    // checkpoint keeps the last completed stage) and stays resumable
                    throw new RunStoppedException(node.id());
                }
                return cancelled(node.id());
            }
            Optional<BudgetBreach> breach = config.meter().breach().or(() -> config.meter().checkTime());
            if (breach.isPresent()) {
                return budgetStop(node, outcome, breach.get());
            }
            progress.record(node, outcome, context);
            saveCheckpoint("running", node.id());
            runStageHook(node, outcome);
            if (cancellation.isCancelled()) {
                return cancelled(node.id());
            }
            if (isTerminal(node)) {
                return succeeded();
            }
            switch (advance(graph, node, router.next(node, outcome, context))) {
                case Finished f -> {
                    return f.result();
                }
                case Step s -> step = s;
            }
        }
    }

    /** Turns a routing decision into the next step, or the end of the run. */
    private Next advance(Graph graph, Node from, Router.Decision decision) {
        return switch (decision) {
            case Router.Follow f -> {
                emitEdge(from.id(), f.edge().to(), f.edge().label(), f.reason());
                Node target = graph.node(f.edge().to()).orElseThrow(() -> new PipelineException(
                        "edge " + f.edge() + " leads to node '" + f.edge().to() + "', which does not exist"));
                if (f.edge().loopRestart()) {
                    yield restart(graph, from, target);
                }
                yield new Step(target, f.edge(), from.id());
            }
            case Router.Jump j -> {
                emitEdge(from.id(), j.target(), "", j.reason());
                yield new Step(graph.node(j.target()).orElseThrow(), null, from.id());
            }
            case Router.End e -> new Finished(e.failureReason() == null ? succeeded()
                    : failed(e.failureReason(), from.id()));
        };
    }

    private RunResult resumeFrom(Graph graph, Node start, Checkpoint cp) {
        context.restore(cp.context(), cp.logs());
        progress.restore(cp);
        visits.restore(cp.completedNodes());
        degradePending = true;
        Step step;
        Optional<Node> stopped = graph.node(cp.resumeNode());
        if (stopped.isPresent()) {
            step = new Step(stopped.get(), null, cp.currentNode());
        } else if (cp.currentNode().isEmpty()) {
            step = new Step(start, null, "");
        } else {
            Node from = graph.node(cp.currentNode()).orElseThrow();
            if (isTerminal(from) || cp.status().equals("success")) {
                emitResumed(graph, from.id(), "");
                return succeeded();
            }
            Router.Decision d = router.next(from, progress.lastOutcome(), context);
            if (d instanceof Router.End end && end.failureReason() != null) {
                step = new Step(from, null, "");
            } else {
                emitResumed(graph, from.id(), switch (d) {
                    case Router.Follow f -> f.edge().to();
                    case Router.Jump j -> j.target();
                    case Router.End e -> "";
                });
                return switch (advance(graph, from, d)) {
                    case Finished f -> f.result();
                    case Step next -> loop(graph, next);
                };
            }
        }
        emitResumed(graph, cp.currentNode(), step.node().id());
        return loop(graph, step);
    }

    private void runStageHook(Node node, Outcome outcome) {
        try {
            config.stageHook().afterStage(node.id(), outcome, dir.root());
        } catch (InterruptedException e) {
            cancellation.cancel("interrupted in the after-stage hook of '" + node.id() + "'");
        } catch (PipelineException e) {
            throw e;
        } catch (Exception e) {
            throw new PipelineException("after-stage hook failed for '" + node.id() + "': " + e.getMessage(), false, e);
        }
    }

    private void emitResumed(Graph graph, String from, String next) {
        String root = dir.root().toString();
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineResumed(run, seq, at, graph.id(), root, from, next));
    }

    private Next restart(Graph graph, Node from, Node target) {
        if (++restarts > config.maxLoopRestarts()) {
            return new Finished(failed("loop_restart limit of " + config.maxLoopRestarts() + " reached (edge " + from.id() + " -> "
                    + target.id() + "); raise RunConfig.maxLoopRestarts if the loop is intended", from.id()));
        }
        RunDirectory old = dir;
        RunDirectory fresh = new RunDirectory(restartRoot(), config.fsync()).create();
        bus.emit((run, seq, at) -> new PipelineEvent.LoopRestarted(run, seq, at, from.id(), target.id(),
                fresh.root().toString()));
        saveCheckpoint("restarted", "");
        bus.removeSink(eventsFile);
        eventsFile.close();
        eventsFile = new EventsFile(fresh.eventsFile()).open();
        bus.addSink(eventsFile);
        useDirectory(graph, fresh);
        context.restore(Map.of(), List.of());
        progress.clear();
        visits.clear();
        initContext(graph);
        fresh.writeManifest(manifestFor(graph, old.root().toString()));
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineStarted(run, seq, at, graph.id(), graph.goal(),
                fresh.root().toString(), config.trigger()));
        saveCheckpoint("running", "");
        return new Step(target, null, "");
    }

    /**
     * Where the {@code n}th fresh start of a loop_restart runs: {@code <logs root>/restart-<n>}, inside the run's
     * own directory (as other implementations lay it out; the run's lock covers it), the earlier attempts' files
     * staying where they were.
     */
    private Path restartRoot() {
        Path root = config.logsRoot().toAbsolutePath();
        for (int n = 1; ; n++) {
            Path candidate = root.resolve("restart-" + n);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }

    private void useDirectory(Graph graph, RunDirectory runDir) {
        dir = runDir;
        artifacts = new ArtifactStore(runDir.root(), config.fsync(), config.clock());
        EngineBranchRunner branches = new EngineBranchRunner(graph, executor, router, progress::recordBranchStage);
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
        // simulated: LLM stages exist and the backend answers them without a model (no backend means simulation)
        boolean simulated = (config.backend() == null || config.backend().simulates()) && graph.nodes().values().stream()
                .anyMatch(n -> HandlerTypes.CODERGEN.equals(n.handlerType()));
        return new Manifest(graph.id(), graph.goal(), config.clock().instant().toString(), runId, graph.sourceFile(),
                restartedFrom, simulated ? Boolean.TRUE : null);
    }

    private void emitEdge(String from, String to, String label, String reason) {
        bus.emit((run, seq, at) -> new PipelineEvent.EdgeSelected(run, seq, at, from, to, label, reason));
    }

    private void saveCheckpoint(String status, String savedNode) {
        dir.writeCheckpoint(progress.checkpoint(config.clock().instant().toString(), context, status,
                config.meter().report(), resumeNode));
        String node = savedNode.isEmpty() ? progress.lastNode() : savedNode;
        bus.emit((run, seq, at) -> new PipelineEvent.CheckpointSaved(run, seq, at, node));
    }

    private RunResult succeeded() {
        saveCheckpoint("success", "");
        long ms = elapsedMs();
        int artifactCount = artifacts.size();
        int done = progress.completed.size();
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
        boolean interrupted = Thread.interrupted();
        try {
            return doCancelled(nodeId);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A budget was reached during or after the stage {@code node}. A stage the budget stopped is not recorded as
     * completed: the checkpoint names it as the node a resume runs again. A stage that finished anyway is recorded
     * as usual. A cost budget that cannot be kept (an unpriced model) fails the run instead.
     */
    private RunResult budgetStop(Node node, Outcome outcome, BudgetBreach breach) {
        if (!breach.exhausted()) {
            return failed(breach.reason(), node.id());
        }
        if (outcome.status() == io.nightshift.pipeline.state.StageStatus.FAIL) {
            resumeNode = node.id();
        } else {
            progress.record(node, outcome, context);
        }
        saveCheckpoint("budget_exhausted", node.id());
        long ms = elapsedMs();
        SpendReport spend = config.meter().report();
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineBudgetExhausted(run, seq, at, breach.reason(), node.id(),
                ms, spend.total().tokens(), spend.total().costUsd()));
        return result(RunStatus.BUDGET_EXHAUSTED, breach.reason(), node.id());
    }

    /** Ends the run as cancelled (or stalled, when the watchdog cancelled it); the interrupt flag is clear. */
    private RunResult doCancelled(String nodeId) {
        if (watchdog.stalled()) {
            saveCheckpoint("stalled", "");
            long ms = elapsedMs();
            String reason = cancellation.reason();
            bus.emit((run, seq, at) -> new PipelineEvent.PipelineStalled(run, seq, at, reason, nodeId, ms));
            return result(RunStatus.STALLED, reason, nodeId);
        }
        saveCheckpoint("cancelled", "");
        long ms = elapsedMs();
        String reason = cancellation.reason();
        bus.emit((run, seq, at) -> new PipelineEvent.PipelineCancelled(run, seq, at, reason, nodeId, ms));
        return result(RunStatus.CANCELLED, reason, "");
    }

    private RunResult result(RunStatus status, String reason, String failedNode) {
        SpendReport spend = config.meter().report();
        RunResult result = new RunResult(runId, status, reason, failedNode, List.copyOf(progress.completed),
                progress.outcomes(), context.snapshot(), dir.root(), elapsedMs(), spend, config.simulated());
        dir.writeFinal(RunLimits.finalReport(result, context));
        return result;
    }

    private long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String newRunId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
