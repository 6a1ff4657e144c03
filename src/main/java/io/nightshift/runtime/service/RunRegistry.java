package io.nightshift.runtime.service;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.event.EventSink;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.runtime.InvalidPipelineException;
import io.nightshift.runtime.ModelRequirement;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.RunLauncher;
import io.nightshift.runtime.RunRequest;
import io.nightshift.runtime.harness.HarnessGateway;
import io.nightshift.runtime.harness.HoldoutGuard;
import io.nightshift.runtime.ValidationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runs of one service: starts submitted pipelines on a bounded pool (the rest wait in a queue), finds them by
 * id, cancels and resumes them, and on start-up lists the runs its runs directory already holds (unfinished ones as
 * {@link RunState#INTERRUPTED}). Each run lives in {@code <runs dir>/<id>/}: the engine's run directory plus
 * {@code pipeline.dot} and {@code submission.json}, so a new service process can pick it up. Plain Java;
 * thread-safe.
 */
public final class RunRegistry implements AutoCloseable {

    static final String SUBMISSION = "submission.json";
    static final String PIPELINE = "pipeline.dot";

    private final Path runsDir;
    private final PipelineLoader loader;
    private final Map<String, String> environment;
    private final EventSink publisher;
    private final int historyCapacity;
    private final boolean localSandboxAllowed;
    private volatile HarnessGateway harness;
    private final Map<String, ManagedRun> runs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;

    /**
     * @param runsDir where run directories go (created when missing)
     * @param environment the process environment for tool stages
     * @param publisher receives every event of every run besides the run's own history (must not block)
     * @param maxConcurrentRuns how many runs execute at once; more wait in the queue
     * @param historyCapacity how many recent events each run keeps in memory for its readers
     * @param localSandboxAllowed whether a submission may ask for {@code "sandbox": "local"} (tool commands run
     *        unisolated as the service's user); the wiring grants it only when the operator enabled it and bearer
     *        tokens guard the service ({@link LocalSandboxRefusedException#allowed})
     */
    public RunRegistry(Path runsDir, PipelineLoader loader, Map<String, String> environment, EventSink publisher,
            int maxConcurrentRuns, int historyCapacity, boolean localSandboxAllowed) {
        this.runsDir = runsDir.toAbsolutePath().normalize();
        this.loader = loader;
        this.environment = Map.copyOf(environment);
        this.harness = HoldoutGuard.production(this.environment);
        this.publisher = publisher;
        this.historyCapacity = historyCapacity;
        this.localSandboxAllowed = localSandboxAllowed;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(maxConcurrentRuns, maxConcurrentRuns, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "nightshift-run-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Judges holdout scenarios for the runs started from now on (the store's gateway once it is connected). */
    public void useHarness(HarnessGateway gateway) {
        this.harness = gateway;
    }

    public Path runsDir() {
        return runsDir;
    }

    /**
     * Validates and starts a run.
     *
     * @throws InvalidPipelineException when the DOT does not parse or has validation errors (with diagnostics)
     * @throws InvalidSubmissionException when the workspace or sandbox cannot be used
     */
    public ManagedRun submit(RunSubmission submission) {
        String name = submission.name() == null || submission.name().isBlank() ? "pipeline.dot" : submission.name();
        ValidationResult validation = loader.validate(submission.dot(), name);
        if (!validation.valid()) {
            throw new InvalidPipelineException(name, validation.diagnostics());
        }
        checkSandbox(submission);
        String sandbox = submission.sandbox() == null ? "docker" : submission.sandbox();
        Optional<String> refused = HoldoutGuard.refusal(loader.load(submission.dot(), name).graph(), sandbox,
                submission.allowLocalHoldout(), harness);
        if (refused.isPresent()) {
            throw new InvalidSubmissionException(refused.get().replace(HoldoutGuard.FLAG,
                    "\"allow_local_holdout\": true"));
        }
        if (submission.workspace() != null && !Files.isDirectory(Path.of(submission.workspace()))) {
            throw new InvalidSubmissionException("workspace " + submission.workspace()
                    + " is not a directory on the server; pass an existing local directory");
        }
        String id = newId(submission.dot());
        Path dir = runsDir.resolve(id);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(PIPELINE), submission.dot(), StandardCharsets.UTF_8);
            Json.mapper().writeValue(dir.resolve(SUBMISSION).toFile(), submission);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
        ManagedRun run = new ManagedRun(id, dir, submission, Instant.now(), RunState.QUEUED,
                new EventHistory(dir.resolve(RunDirectory.EVENTS), historyCapacity, 0, false), publisher);
        runs.put(id, run);
        start(run, false);
        return run;
    }

    /** Continues an interrupted, cancelled, budget-exhausted or stalled run from its checkpoint. */
    public ManagedRun resume(String id) {
        return resume(id, RunBounds.NONE);
    }

    /**
     * As {@link #resume(String)}, under the run's bounds with each one {@code raised} sets replacing it (a run that
     * ended {@code budget_exhausted} continues with a larger budget; its spend so far still counts).
     */
    public ManagedRun resume(String id, RunBounds raised) {
        ManagedRun run = get(id);
        RunState state = run.state();
        if (state != RunState.INTERRUPTED && state != RunState.CANCELLED && state != RunState.BUDGET_EXHAUSTED
                && state != RunState.STALLED) {
            throw new RunStateException("run '" + id + "' is " + state.wireName()
                    + "; only interrupted, cancelled, budget_exhausted or stalled runs can be resumed", state);
        }
        checkSandbox(run.submission());
        if (raised != null && !raised.isEmpty()) {
            RunSubmission updated = run.submission().withBounds(raised.over(run.submission().bounds()));
            try {
                Json.mapper().writeValue(run.dir().resolve(SUBMISSION).toFile(), updated);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the raised bounds in " + run.dir(), e);
            }
            run.rebound(updated);
        }
        start(run, true);
        return run;
    }

    /** @return false when the run had already ended */
    public boolean cancel(String id) {
        return get(id).requestCancel();
    }

    public ManagedRun get(String id) {
        ManagedRun run = id == null ? null : runs.get(id);
        if (run == null) {
            throw new RunNotFoundException(id);
        }
        return run;
    }

    public Optional<ManagedRun> find(String id) {
        return Optional.ofNullable(id == null ? null : runs.get(id));
    }

    /** Every run, newest first. */
    public List<ManagedRun> list() {
        return runs.values().stream()
                .sorted(Comparator.comparing((ManagedRun r) -> r.snapshot().createdAt()).reversed()
                        .thenComparing(ManagedRun::id))
                .toList();
    }

    /** Runs accepted but not started yet, because every worker is busy. */
    public int queueDepth() {
        return pool.getQueue().size();
    }

    /** Lists the runs already in the runs directory (at start-up); returns how many were found. */
    public int recover() {
        List<ManagedRun> found = new RunRecovery(runsDir, historyCapacity, publisher).scan();
        found.forEach(r -> runs.putIfAbsent(r.id(), r));
        return found.size();
    }

    /**
     * Stops taking work. Runs in progress are left as they are on disk, as if the process had been killed, so the
     * next service lists them as interrupted.
     */
    @Override
    public void close() {
        // a stopping service stops its runs where they are (each checkpoints and lets go of its run directory's
        // lock), so the next service on the same runs directory can resume them
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(ManagedRun run, boolean resume) {
        RunLauncher launcher = new RunLauncher(loader, environment, java.time.Clock.systemUTC(), harness);
        run.queued(launcher);
        pool.execute(() -> execute(run, launcher, resume));
    }

    private void execute(ManagedRun run, RunLauncher launcher, boolean resume) {
        if (run.state().terminal()) {
            return;
        }
        RunSubmission s = run.submission();
        // a job hands over a repository: it is cloned (--repo), so the workspace is the run's own
        boolean handedOver = s.repository() != null && !s.repository().isBlank();
        Path workspace = s.workspace() != null ? Path.of(s.workspace()) : run.dir().resolve("workspace");
        Map<String, String> settings = new LinkedHashMap<>(s.settings());
        if (s.goal() != null && !s.goal().isBlank()) {
            settings.put("goal", s.goal());
        }
        Path pipeline = run.dir().resolve(PIPELINE);
        // a run stopped before its engine wrote anything has nothing to resume from: it starts over in place
        boolean fromCheckpoint = resume && (Files.exists(run.dir().resolve(RunDirectory.MANIFEST))
                || Files.exists(run.dir().resolve("checkpoint.json")));
        resume = fromCheckpoint;
        RunRequest request = new RunRequest(pipeline, s.simulate(), s.autoApprove(), resume ? null : run.dir(),
                resume ? run.dir() : null, settings, handedOver ? null : workspace, s.sandbox(),
                handedOver ? s.repository() : null, handedOver ? s.ref() : null, false, false, s.allowLocalHoldout(),
                ModelRequirement.choose(s.provider(), s.model()), false, s.bounds().budget(),
                s.bounds().stallTimeoutDuration());
        Interviewer interviewer = s.autoApprove() ? new AutoApproveInterviewer() : run.questions();
        try {
            if (!handedOver) {
                Files.createDirectories(workspace);
            }
            RunLauncher.Plan plan = launcher.plan(request);
            RunResult result = launcher.run(request, plan, interviewer, List.of(run));
            run.finish(result);
        } catch (IOException | RuntimeException e) {
            run.fail(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private String newId(String dot) {
        String graph = graphName(dot);
        String id;
        do {
            id = graph + "-" + UUID.randomUUID().toString().substring(0, 8);
        } while (runs.containsKey(id) || Files.exists(runsDir.resolve(id)));
        return id;
    }

    private static String graphName(String dot) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("digraph\\s+\"?([A-Za-z0-9_]+)").matcher(dot);
        String name = m.find() ? m.group(1) : "pipeline";
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    /** Only "docker" or "local", and "local" only where the operator allowed it (see the constructor). */
    private void checkSandbox(RunSubmission submission) {
        String sandbox = submission.sandbox();
        if (sandbox != null && !sandbox.equals("docker") && !sandbox.equals("local")) {
            throw new InvalidSubmissionException("sandbox '" + sandbox + "' is unknown; use \"docker\" (the default)"
                    + " or, where the operator allows it, \"local\"");
        }
        if ("local".equals(sandbox) && !localSandboxAllowed) {
            throw new LocalSandboxRefusedException();
        }
    }
}
