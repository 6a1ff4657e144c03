package io.nightshift.runtime;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.budget.SpendMeter;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.event.EventSink;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.handler.CodergenBackend;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.pipeline.transform.PreparedPipeline;
import io.nightshift.pipeline.validate.Diagnostic;
import io.nightshift.runtime.harness.HarnessGateway;
import io.nightshift.runtime.harness.HarnessHandler;
import io.nightshift.runtime.harness.HarnessReport;
import io.nightshift.runtime.harness.HarnessSettings;
import io.nightshift.runtime.harness.HoldoutGuard;
import io.nightshift.runtime.harness.InStageJudge;
import io.nightshift.runtime.harness.Judging;
import io.nightshift.runtime.agent.Prices;
import io.nightshift.runtime.delivery.DeliveryFiles;
import io.nightshift.runtime.delivery.PullRequestDelivery;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.runtime.agent.SpendGate;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.workspace.Deliverables;
import io.nightshift.workspace.ResetResult;
import io.nightshift.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a {@link RunRequest} into a running engine: finds the pipeline (also from a run directory's manifest),
 * loads and validates it, picks the run directory, the backend, the interviewer and the environment the tools
 * run in, and runs it. One launcher per process; {@link #cancel} stops the run in progress.
 */
public final class RunLauncher {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final PipelineLoader loader;
    private final Map<String, String> environment;
    private final Clock clock;
    private final HarnessGateway harness;
    private volatile PipelineEngine engine;

    /**
     * @param environment the process environment, passed in so that tests never depend on the real one (the git
     *        token for an https {@code --repo} is read from it)
     */
    public RunLauncher(PipelineLoader loader, Map<String, String> environment) {
        this(loader, environment, Clock.systemUTC());
    }

    /** With the clock that dates the workspace's commits. */
    public RunLauncher(PipelineLoader loader, Map<String, String> environment, Clock clock) {
        this(loader, environment, clock, HoldoutGuard.production(environment));
    }

    /** With the gateway that judges holdout scenarios ({@code harness} nodes, stages with {@code harness.suite}). */
    public RunLauncher(PipelineLoader loader, Map<String, String> environment, Clock clock, HarnessGateway harness) {
        this.loader = loader;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.harness = harness;
    }

    /** What a run is about to do, for the CLI to show before it starts. */
    public record Plan(Path pipeline, Graph graph, List<Diagnostic> warnings, Path logsRoot, String backend,
            String sandbox) {
    }

    /**
     * Validates the request and decides everything, without running anything yet.
     *
     * @throws UnusableInputException for missing files, unreadable DOT, unusable run directories
     * @throws InvalidPipelineException when the pipeline has validation errors
     */
    public Plan plan(RunRequest request) {
        Path pipeline = request.pipeline();
        if (request.resuming()) {
            requireResumable(request.resumeDir());
            if (pipeline == null) {
                pipeline = pipelineFromManifest(request.resumeDir());
            }
        } else if (pipeline == null) {
            throw new UnusableInputException("no pipeline given: nightshift run PIPELINE.dot");
        }
        Prices.fromEnvironment(environment);
        // a job's goal (POST /jobs, an issue, a schedule) is the run's: it replaces the pipeline's example goal
        PreparedPipeline prepared = loader.load(pipeline, request.jobGoal());
        if (!request.simulate()) {
            // never a silent simulation: a run that needs a model and has none asks for one, or for --simulate
            Optional<String> unmet = ModelRequirement.unmet(prepared.graph(), environment, request.model());
            if (unmet.isPresent()) {
                throw new UnusableInputException(pipeline + ": " + unmet.get()
                        + "; or run without a model: --simulate");
            }
        }
        Path logsRoot = request.resuming() ? request.resumeDir() : newLogsRoot(request, prepared.graph());
        String sandbox = SandboxChoice.decide(request.sandbox(), prepared.graph(), request.simulate());
        Optional<String> refused = HoldoutGuard.refusal(prepared.graph(), sandbox, request.allowLocalHoldout(),
                harness);
        if (refused.isPresent()) {
            throw new UnusableInputException(pipeline + ": " + refused.get());
        }
        return new Plan(pipeline, prepared.graph(), prepared.warnings(), logsRoot,
                CodergenBackends.describe(request.simulate(), environment), sandbox);
    }

    /** Runs a plan to its end; sinks see every event. Throws only when the run cannot start. */
    public RunResult run(RunRequest request, Plan plan, Interviewer interviewer, List<EventSink> sinks) {
        return run(request, plan, interviewer, sinks, line -> { });
    }

    /**
     * As {@link #run(RunRequest, Plan, Interviewer, List)}; {@code notices} gets one line per thing the user should
     * know about the workspace (where it is, warnings prefixed {@code warning:}, the side ref a resume kept, the
     * deliverables), in order, on the calling thread.
     *
     * @throws UnusableInputException when the workspace cannot be had (bad path or URL, credentials, unknown ref,
     *         dirty tree) or the run cannot start
     */
    public RunResult run(RunRequest request, Plan plan, Interviewer interviewer, List<EventSink> sinks,
            Consumer<String> notices) {
        if (!request.resuming()) {
            return runLocked(request, plan, interviewer, sinks, notices, null);
        }
        // a resume holds the directory before it resets the workspace
        try (RunLock lock = RunLock.acquire(plan.logsRoot())) {
            RunBackendRecord.check(plan.logsRoot(), plan.backend(), true, request.allowBackendChange());
            return runLocked(request, plan, interviewer, sinks, notices, lock);
        }
    }

    private RunResult runLocked(RunRequest request, Plan plan, Interviewer interviewer, List<EventSink> sinks,
            Consumer<String> notices, RunLock held) {
        String runId = runIdOf(request);
        Workspace opened = request.resuming()
                ? WorkspaceSetup.reopen(request, plan.logsRoot(), plan.graph(), runId, environment, clock)
                : WorkspaceSetup.create(request, plan.logsRoot(), plan.graph(), runId, environment, clock);
        Graph graph = plan.graph();
        try (RunWorkspace workspace = new RunWorkspace(opened, plan.logsRoot(), (dir, name) -> SandboxChoice.open(
                plan.sandbox(), graph, dir, runId + "-" + name, environment, plan.logsRoot()), clock);
                RunLock lock = held != null ? null : RunLock.acquire(plan.logsRoot())) {
            // a new run locks once the workspace keeps the run directory out of its commits
            if (held == null) {
                RunBackendRecord.check(plan.logsRoot(), plan.backend(), false, false);
            }
            notices.accept("workspace: " + opened.directory() + " on branch " + opened.branch() + " from "
                    + RunWorkspace.abbrev(opened.baseCommit()) + " (" + opened.source() + ")");
            opened.warnings().forEach(w -> notices.accept("warning: " + w));
            if (request.resuming()) {
                restore(workspace, plan.logsRoot(), notices);
            }
            PullRequestOptions pullRequest = pullRequestOf(request, plan.logsRoot());
            RunResult result = runEngine(request, plan, interviewer, sinks, runId, workspace);
            deliver(workspace, request, result.logsRoot(), result.status().wireName(), pullRequest, notices);
            return result;
        } catch (io.nightshift.workspace.WorkspaceException e) {
            throw new UnusableInputException(e.getMessage(), e);
        }
    }

    private RunResult runEngine(RunRequest request, Plan plan, Interviewer interviewer, List<EventSink> sinks,
            String runId, RunWorkspace workspace) {
        try (ExecutionEnvironment tools = SandboxChoice.open(plan.sandbox(), plan.graph(), workspace.directory(), runId,
                environment, plan.logsRoot())) {
            tools.initialize();
            try (NodeSandboxes sandboxes = new NodeSandboxes(workspace, tools, plan.sandbox(), plan.graph(), runId,
                    plan.logsRoot())) {
                SpendMeter meter = new SpendMeter();
                SpendGate spend = new SpendGate(meter, Prices.fromEnvironment(environment));
                // a judge's model calls count into the run's spend and budgets like the agents'
                Judging judging = new Judging(harness, workspace,
                        "local".equals(plan.sandbox()) ? null : judgeImage(plan.graph()), clock, spend::forJudge);
                CodergenBackend backend = new CandidatesBackend(CodergenBackends.open(request.simulate(), environment,
                        sandboxes::forNode, new InStageJudge(judging), request.model(), spend), sandboxes, workspace,
                        spend);
                HarnessHandler harnessHandler = new HarnessHandler(judging);
                RunConfig.Builder config = RunConfig.builder(plan.logsRoot())
                        .runId(runId)
                        .backend(backend)
                        .registryCustomizer(registry -> registry.register(HarnessSettings.TYPE, harnessHandler))
                        .resume(request.resuming())
                        .interviewer(interviewer)
                        .environment(tools)
                        .workspaceHooks(sandboxes)
                        .graphLoader(file -> loader.load(file).graph())
                        .budget(request.budget())
                        .stallTimeout(request.stallTimeout())
                        .meter(meter)
                        .simulated("simulation".equals(plan.backend()))
                        .stageMaxBytes(WorkspaceSetup.stageMaxBytes(plan.graph(), environment))
                        .trigger(request.trigger());
                sinks.forEach(config::sink);
                request.settings().forEach(config::set);
                config.set(WorkspaceSetup.DIRECTORY_KEY, workspace.directory().toString());
                config.set(WorkspaceSetup.BRANCH_KEY, workspace.workspace().branch());
                PipelineEngine current = new PipelineEngine(config.build());
                engine = current;
                try {
                    return current.run(plan.graph());
                } catch (PipelineException | SandboxException e) {
                    throw new UnusableInputException(e.getMessage(), e);
                } finally {
                    engine = null;
                    if (backend instanceof AutoCloseable closeable) {
                        closeQuietly(closeable);
                    }
                }
            }
        }
    }

    /** The run's sandbox image, which judge containers use; parsed only when the pipeline judges. */
    private static String judgeImage(Graph graph) {
        return HarnessSettings.judgingNodes(graph).isEmpty() ? null : SandboxChoice.policy(graph).image();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // ending the agent sessions of a finished run must not change its result
        }
    }

    /** Resume: the workspace goes back to the checkpoint's commit; what the interrupted stage left is kept. */
    private static void restore(RunWorkspace workspace, Path logsRoot, Consumer<String> notices) {
        for (String removed : workspace.discardStaleBranches()) {
            notices.accept("resume: removed the parallel-branch worktree " + removed + " left by the interrupted run");
        }
        String commit = WorkspaceSetup.checkpointCommit(logsRoot).orElse(workspace.workspace().baseCommit());
        ResetResult reset = workspace.resetTo(commit);
        notices.accept("resume: workspace restored to " + RunWorkspace.abbrev(reset.commitId())
                + reset.sideRef().map(ref -> "; what the interrupted stage left is kept on " + ref).orElse(""));
    }

    /**
     * The pull request a run asked for: a new run records it in {@code delivery.json}; a resumed one reads it back
     * when the request names none (the service resumes jobs with the request it rebuilds).
     */
    private static PullRequestOptions pullRequestOf(RunRequest request, Path logsRoot) {
        if (request.pullRequest() != null) {
            DeliveryFiles.writeOptions(logsRoot, request.pullRequest());
            return request.pullRequest();
        }
        return request.resuming() ? DeliveryFiles.readOptions(logsRoot).orElse(null) : null;
    }

    /**
     * Writes the deliverables (also after a failure) and, when asked, opens or updates the pull request; a failure
     * to write them or to reach the forge is reported, not thrown.
     */
    private void deliver(RunWorkspace workspace, RunRequest request, Path logsRoot, String status,
            PullRequestOptions pullRequest, Consumer<String> notices) {
        Path dir = logsRoot.resolve("deliverables");
        try {
            Deliverables d = workspace.deliver(dir, request.push() || pullRequest != null);
            appendHoldout(d.summary(), logsRoot);
            SimulationNote.append(d.summary(), logsRoot);
            notices.accept("deliverables: " + dir + " (changes.patch with " + d.commitCount()
                    + (d.commitCount() == 1 ? " commit" : " commits") + ", run.bundle, "
                    + "summary.md); " + Deliveries.describe(d.push()));
            if (pullRequest != null) {
                Workspace ws = workspace.workspace();
                new PullRequestDelivery(environment).deliver(pullRequest, d.push(), ws.origin().url(), ws.branch(),
                        request.ref(), logsRoot, ws.runId(), status, notices);
                if (!Thread.currentThread().isInterrupted()) {
                    // a stopping service's interrupt cut the forge call short: the next service delivers again
                    DeliveryFiles.markDelivered(logsRoot);
                }
            }
        } catch (io.nightshift.workspace.WorkspaceException e) {
            notices.accept("warning: the deliverables could not be written to " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Delivers a run whose engine had ended when its process died before the delivery did
     * ({@link DeliveryFiles#pending}): the deliverables are written again, the branch pushed (a no-op when it
     * already was) and the pull request opened or, when the forge holds one from the run branch already, updated.
     * No stage runs. {@code request} resumes the run directory.
     *
     * @throws UnusableInputException when the run directory or its workspace cannot be opened
     */
    public void redeliver(RunRequest request, Consumer<String> notices) {
        if (!request.resuming()) {
            throw new IllegalArgumentException("redeliver continues a run directory: the request must resume one");
        }
        Plan plan = plan(request);
        Path logsRoot = plan.logsRoot();
        String status;
        try {
            status = new RunDirectory(logsRoot, false).readCheckpoint().map(c -> c.status()).orElse("fail");
        } catch (RuntimeException unreadable) {
            throw new UnusableInputException("cannot deliver " + logsRoot + ": its checkpoint is unreadable ("
                    + unreadable.getMessage() + ")", unreadable);
        }
        String runId = runIdOf(request);
        PullRequestOptions pullRequest = DeliveryFiles.readOptions(logsRoot).orElse(null);
        try (RunLock lock = RunLock.acquire(logsRoot)) {
            Workspace opened = WorkspaceSetup.reopen(request, logsRoot, plan.graph(), runId, environment, clock);
            try (RunWorkspace workspace = new RunWorkspace(opened, logsRoot, (dir, name) -> SandboxChoice.open(
                    plan.sandbox(), plan.graph(), dir, runId + "-" + name, environment, logsRoot), clock)) {
                notices.accept("delivery: the run had ended (" + status + ") when its service stopped; delivering"
                        + " it now");
                deliver(workspace, request, logsRoot, status, pullRequest, notices);
            }
        } catch (io.nightshift.workspace.WorkspaceException e) {
            throw new UnusableInputException(e.getMessage(), e);
        }
    }

    /**
     * summary.md ends with how the run ended and what it spent (from final.json), then the satisfaction per suite
     * when the run judged against holdout scenarios.
     */
    private static void appendHoldout(Path summary, Path logsRoot) {
        String section = SpendSummary.markdown(logsRoot) + HarnessReport.markdown(logsRoot)
                + CandidatesReport.markdown(logsRoot);
        if (section.isEmpty() || summary == null) {
            return;
        }
        try {
            io.nightshift.pipeline.run.AtomicFiles.writeString(summary, Files.readString(summary) + section, false);
        } catch (java.io.IOException | RuntimeException e) {
            throw new io.nightshift.workspace.WorkspaceStorageException("cannot add the holdout section to " + summary
                    + ": " + e.getMessage(), false, e);
        }
    }

    /** Cancels the run in progress, if any: the current stage is interrupted and a final checkpoint written. */
    public void cancel(String reason) {
        PipelineEngine current = engine;
        if (current != null) {
            current.cancel(reason);
        }
    }

    /**
     * A resumed run keeps its id (its containers and commits are labelled with it); a new one takes the id it was
     * given (the service's job id) or a fresh one.
     */
    private static String runIdOf(RunRequest request) {
        if (request.resuming()) {
            try {
                Optional<Manifest> manifest = new RunDirectory(request.resumeDir(), false).readManifest();
                if (manifest.isPresent() && manifest.get().runId() != null && !manifest.get().runId().isBlank()) {
                    return manifest.get().runId();
                }
            } catch (RuntimeException unreadable) {
                // the engine reports an unreadable manifest when it resumes
            }
        }
        if (!request.resuming() && request.runId() != null && !request.runId().isBlank()) {
            return request.runId();
        }
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private Path newLogsRoot(RunRequest request, Graph graph) {
        if (request.logsDir() != null) {
            Path dir = request.logsDir();
            if (Files.exists(dir.resolve("checkpoint.json")) || Files.exists(dir.resolve(RunDirectory.MANIFEST))) {
                throw new UnusableInputException(dir + " already holds a run: continue it with --resume " + dir
                        + ", or choose another --logs-dir");
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new UnusableInputException("--logs-dir " + dir + " exists and is not a directory");
            }
            return dir;
        }
        String name = graph.id().isBlank() ? "pipeline" : graph.id();
        Path base = Path.of("runs").resolve(name + "-" + LocalDateTime.now().format(STAMP));
        Path candidate = base;
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = Path.of(base + "-" + i);
        }
        return candidate;
    }

    private static void requireResumable(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UnusableInputException("cannot resume: " + dir + " is not a run directory (it does not exist)");
        }
        if (!Files.exists(dir.resolve(RunDirectory.MANIFEST)) && !Files.exists(dir.resolve("checkpoint.json"))) {
            throw new UnusableInputException("cannot resume: " + dir
                    + " holds no manifest.json or checkpoint.json; pass the directory a run wrote");
        }
    }

    private static Path pipelineFromManifest(Path dir) {
        Optional<Manifest> manifest;
        try {
            manifest = new RunDirectory(dir, false).readManifest();
        } catch (RuntimeException e) {
            throw new UnusableInputException("cannot resume: " + dir.resolve(RunDirectory.MANIFEST)
                    + " is unreadable (" + e.getMessage() + "); pass the pipeline too: --resume " + dir + " PIPELINE.dot");
        }
        String source = manifest.map(Manifest::sourceFile).orElse("");
        if (source == null || source.isBlank()) {
            throw new UnusableInputException("cannot resume: the manifest in " + dir
                    + " does not name its pipeline; pass it: --resume " + dir + " PIPELINE.dot");
        }
        return Path.of(source);
    }
}
