package io.nightshift.runtime.service;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.event.EventSink;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.pipeline.human.Interviewer;
import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.runtime.InvalidPipelineException;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.RunLauncher;
import io.nightshift.runtime.RunRequest;
import io.nightshift.runtime.delivery.DeliveryFiles;
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
 * The runs of one service: a durable queue (issue 16) admits submitted runs in submission order to a bounded pool,
 * finds them by id, cancels and resumes them. Each run lives in {@code <runs dir>/<id>/}: the engine's run directory
 * plus {@code pipeline.dot}, {@code submission.json} and its {@link QueueEntry} in the {@link QueueStore}, so a new
 * service process picks it up: on start-up ({@link #recover()}) queued runs are queued again in their order, jobs
 * that were running resume from their checkpoints, pipelines that were running are listed as
 * {@link RunState#INTERRUPTED} (their callers resume them), and ended runs keep their end. Plain Java; thread-safe.
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
    private final QueueStore store;
    private final Map<String, QueueEntry> entries = new ConcurrentHashMap<>();
    private final List<QueueEntry> found;
    private final WorkerDesk desk = new WorkerDesk(this);
    /** Where admitted runs go when workers run them (issue 18); null: they run in this process. */
    private volatile RunDispatch dispatch;
    /** Held while a submission takes its place: seq order is the order runs reach the pool. */
    private final Object admission = new Object();

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
        this(runsDir, loader, environment, publisher, maxConcurrentRuns, historyCapacity, localSandboxAllowed,
                new RunDirectoryQueueStore(runsDir));
    }

    /**
     * As the other constructor, with the queue kept in {@code store}, which is taken ({@link QueueStore#load}) here.
     *
     * @throws QueueStoreException when the store is held by another service or unreadable
     */
    public RunRegistry(Path runsDir, PipelineLoader loader, Map<String, String> environment, EventSink publisher,
            int maxConcurrentRuns, int historyCapacity, boolean localSandboxAllowed, QueueStore store) {
        this.store = store;
        this.found = store.load();
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

    /**
     * Sends the runs admitted from now on to workers through {@code to} instead of running them here (call it before
     * {@link #recover()}, so recovered runs go to workers too).
     */
    public void dispatchTo(RunDispatch to) {
        this.dispatch = to;
    }

    /** Whether runs go to workers. */
    public boolean dispatching() {
        return dispatch != null;
    }

    /** The door workers write through. */
    public WorkerDesk workers() {
        return desk;
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
        return submit(submission, "");
    }

    /**
     * Validates a run and queues it for {@code owner}; it is in the durable queue when this returns.
     *
     * @throws InvalidPipelineException when the DOT does not parse or has validation errors (with diagnostics)
     * @throws InvalidSubmissionException when the workspace or sandbox cannot be used
     * @throws QueueStoreException when the queue cannot record it
     */
    public ManagedRun submit(RunSubmission submission, String owner) {
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
            AtomicFiles.writeString(dir.resolve(PIPELINE), submission.dot(), true);
            AtomicFiles.write(dir.resolve(SUBMISSION), Json.mapper().writeValueAsBytes(submission), true);
        } catch (IOException | RuntimeException e) {
            throw new QueueStoreException("cannot create run directory " + dir + " (" + e.getMessage() + ")", e);
        }
        ManagedRun run = new ManagedRun(id, dir, submission, Instant.now(), RunState.QUEUED,
                new EventHistory(dir.resolve(RunDirectory.EVENTS), historyCapacity, 0, false), publisher);
        synchronized (admission) {
            record(QueueEntry.queued(id, store.nextSeq(), owner));
            runs.put(id, run);
            start(run, false);
        }
        return run;
    }

    /** Who submitted the run: the owner of the caller's token, empty when the service was open or for old runs. */
    public String ownerOf(String id) {
        QueueEntry e = id == null ? null : entries.get(id);
        return e == null ? "" : e.owner();
    }

    /** The run's place in submission order; 0 for runs from before the durable queue. */
    public long seqOf(String id) {
        QueueEntry e = id == null ? null : entries.get(id);
        return e == null ? 0 : e.seq();
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
                AtomicFiles.write(run.dir().resolve(SUBMISSION), Json.mapper().writeValueAsBytes(updated), true);
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
        ManagedRun run = get(id);
        if (run.state().terminal()) {
            return false;
        }
        // remembered first: a crash before the cancel takes effect ends the run instead of resuming it
        update(id, QueueEntry::cancelling);
        boolean cancelled = run.requestCancel();
        if (run.state() == RunState.CANCELLED && !run.isExecuting()) {
            recordEnd(run);
        }
        return cancelled;
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
        return (int) runs.values().stream().filter(r -> r.state() == RunState.QUEUED).count();
    }

    /**
     * Picks up the runs already in the runs directory (at start-up): queued runs are queued again in submission
     * order after the jobs that were running, which resume from their checkpoints; returns how many were found.
     */
    public int recover() {
        List<ManagedRun> scanned = new RunRecovery(runsDir, historyCapacity, publisher).scan();
        scanned.forEach(r -> runs.putIfAbsent(r.id(), r));
        List<ManagedRun> resume = new java.util.ArrayList<>();
        List<ManagedRun> queued = new java.util.ArrayList<>();
        List<ManagedRun> deliver = new java.util.ArrayList<>();
        for (QueueEntry e : found) {
            ManagedRun run = runs.get(e.id());
            if (run == null) {
                continue;
            }
            entries.put(e.id(), e);
            RunState seen = run.state();
            switch (e.phase()) {
                case QUEUED -> queued.add(run);
                case ADMITTED -> {
                    // a worker still running it for the previous service writes nothing more: it is redispatched
                    // (jobs) or listed as interrupted (pipelines)
                    desk.fence(run);
                    if (seen.terminal() && seen != RunState.INTERRUPTED && run.submission().kind().equals("job")
                            && DeliveryFiles.pending(run.dir())) {
                        // the engine had ended, its pull request had not been delivered: deliver, run nothing
                        deliver.add(run);
                    } else if (seen.terminal() && seen != RunState.INTERRUPTED) {
                        recordEnd(run);
                    } else if (e.cancelRequested()) {
                        run.endRecovered(RunState.CANCELLED, "cancelled; the service stopped before the run did");
                        recordEnd(run);
                    } else if (run.submission().kind().equals("job")) {
                        resume.add(run);
                    }
                }
                case ENDED -> {
                    if (seen == RunState.INTERRUPTED) {
                        run.endRecovered(RunState.ofWireName(e.outcome()).orElse(RunState.FAILED), e.reason());
                    }
                }
            }
        }
        synchronized (admission) {
            deliver.forEach(this::startDelivery);
            resume.forEach(r -> start(r, true));
            queued.forEach(r -> start(r, false));
        }
        return scanned.size();
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
        } finally {
            store.close();
        }
    }

    private void start(ManagedRun run, boolean resume) {
        if (dispatch != null) {
            dispatchRemote(run);
            return;
        }
        RunLauncher launcher = new RunLauncher(loader, environment, java.time.Clock.systemUTC(), harness);
        run.queued(launcher);
        pool.execute(() -> execute(run, launcher, resume));
    }

    /**
     * A worker will run it: admitted at once (the workers' slots bound concurrency), then its ticket goes on the
     * broker's durable queue. A ticket the broker refuses fails the run (its caller may resume it).
     */
    private void dispatchRemote(ManagedRun run) {
        run.queued(null);
        RunTicket ticket;
        try {
            update(run.id(), QueueEntry::admitted);
            ticket = desk.dispatch(run);
        } catch (RuntimeException e) {
            run.fail(e.getMessage());
            recordEnd(run);
            return;
        }
        dispatch.publish(ticket).whenComplete((ok, failure) -> {
            if (failure != null) {
                run.fail("the message broker did not take the run: " + failure.getMessage()
                        + "; check NIGHTSHIFT_BROKER_URL and the broker, then resume the run");
                recordEnd(run);
            }
        });
    }

    private void execute(ManagedRun run, RunLauncher launcher, boolean resume) {
        if (run.state().terminal() || pool.isShutdown()) {
            return;
        }
        try {
            update(run.id(), QueueEntry::admitted);
        } catch (QueueStoreException e) {
            run.fail(e.getMessage());
            return;
        }
        run.executing(true);
        try {
            doExecute(run, launcher, resume);
        } finally {
            run.executing(false);
            // a service stopping under the run leaves it admitted: the next one resumes it
            if (run.state().terminal() && !stopping(run)) {
                recordEnd(run);
            }
        }
    }

    /**
     * The run may have ended because the service is stopping (not by itself, nor by a cancel over HTTP). A run that
     * succeeded or met a bound ended by itself even when the stop came just after: its end is recorded, or the next
     * service would resume a finished run.
     */
    private boolean stopping(ManagedRun run) {
        RunState s = run.state();
        boolean byItself = s == RunState.SUCCEEDED || s == RunState.BUDGET_EXHAUSTED || s == RunState.STALLED;
        return !byItself && pool.isShutdown() && !run.cancelRequested();
    }

    /** Finishes the delivery of a recovered job whose engine had ended ({@link RunLauncher#redeliver}). */
    private void startDelivery(ManagedRun run) {
        RunLauncher launcher = new RunLauncher(loader, environment, java.time.Clock.systemUTC(), harness);
        pool.execute(() -> {
            if (pool.isShutdown()) {
                return;
            }
            run.executing(true);
            boolean delivered = false;
            try {
                launcher.redeliver(request(run, true), line -> { });
                delivered = true;
            } catch (RuntimeException e) {
                // the run keeps its end; the next service tries again (delivery is idempotent)
            } finally {
                run.executing(false);
                if (delivered || !pool.isShutdown()) {
                    recordEnd(run);
                }
            }
        });
    }

    private void doExecute(ManagedRun run, RunLauncher launcher, boolean resume) {
        RunSubmission s = run.submission();
        boolean handedOver = RunRequests.handedOver(s);
        Path workspace = RunRequests.workspace(s, run.dir());
        RunRequest request = request(run, resume);
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

    /** What {@code nightshift run} would be asked to start (or, {@code resume}, continue) for this run. */
    private static RunRequest request(ManagedRun run, boolean resume) {
        return RunRequests.of(run.submission(), run.dir(), run.id(), resume);
    }

    private void record(QueueEntry e) {
        synchronized (entries) {
            store.save(e);
            entries.put(e.id(), e);
        }
    }

    /** Changes a run's entry, if it has one (runs from before the durable queue have none). */
    private void update(String id, java.util.function.UnaryOperator<QueueEntry> change) {
        synchronized (entries) {
            QueueEntry e = entries.get(id);
            if (e != null) {
                record(change.apply(e));
            }
        }
    }

    /** Records how a run ended; a failure to record it is left for recovery, which reads the checkpoint. */
    void recordEnd(ManagedRun run) {
        RunSnapshot s = run.snapshot();
        // a stopping service interrupts its runs' threads; the store's writes survive that (AtomicFiles)
        try {
            update(run.id(), e -> e.phase() == QueueEntry.Phase.ENDED ? e : e.ended(s.state(), s.failure()));
        } catch (QueueStoreException ignored) {
            // the engine's checkpoint says how it ended; recovery reads it
        }
    }

    private String newId(String dot) {
        String name = graphName(dot);
        String graph = name.length() > 40 ? name.substring(0, 40) : name;
        String id;
        do {
            id = graph + "-" + UUID.randomUUID().toString().substring(0, 8);
        } while (runs.containsKey(id) || Files.exists(runsDir.resolve(id)));
        return id;
    }

    /** The name after {@code digraph} (the letters, digits and underscores of it), {@code pipeline} when none. */
    static String graphName(String dot) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("digraph\\s+\"?([A-Za-z0-9_]+)").matcher(dot);
        return m.find() ? m.group(1) : "pipeline";
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
