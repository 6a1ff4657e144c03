package io.nightshift.pipeline.engine;

import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Durations;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.HandlerTypes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.BranchRunner;
import io.nightshift.pipeline.handler.ChildPipelineRunner;
import io.nightshift.pipeline.handler.HandlerRegistry;
import io.nightshift.pipeline.handler.RunSoFar;
import io.nightshift.pipeline.handler.StageContext;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import io.nightshift.pipeline.run.ArtifactStore;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.pipeline.run.StatusFile;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Runs one stage with its retry policy (attractor-spec 3.5), node {@code timeout}, {@code auto_status},
 * {@code allow_partial}, stage events and the final {@code status.json}. Handlers run on the calling thread; a
 * timeout or a cancel interrupts them. Thread-safe: parallel branches share it.
 */
final class StageExecutor {

    private static final Duration TOOL_GRACE = Duration.ofSeconds(5);

    private final Graph graph;
    private final HandlerRegistry registry;
    private final EventBus bus;
    private final Cancellation cancellation;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ScheduledExecutorService timer;
    private final AtomicInteger stageIndex;
    private final String runId;
    private final WorkspaceHooks workspace;
    private final RunSoFar runSoFar;
    private final io.nightshift.pipeline.budget.SpendMeter meter;
    private final long stageMaxBytes;
    private volatile RunDirectory runDir;
    private volatile ArtifactStore artifacts;
    private volatile BranchRunner branches;
    private volatile ChildPipelineRunner children;

    StageExecutor(Graph graph, HandlerRegistry registry, EventBus bus, Cancellation cancellation, Sleeper sleeper,
            RandomGenerator random, ScheduledExecutorService timer, AtomicInteger stageIndex, String runId,
            WorkspaceHooks workspace, RunSoFar runSoFar,
            io.nightshift.pipeline.budget.SpendMeter meter, long stageMaxBytes) {
        this.runId = runId;
        this.stageMaxBytes = stageMaxBytes;
        this.runSoFar = runSoFar;
        this.meter = meter;
        this.workspace = workspace;
        this.graph = graph;
        this.registry = registry;
        this.bus = bus;
        this.cancellation = cancellation;
        this.sleeper = sleeper;
        this.random = random;
        this.timer = timer;
        this.stageIndex = stageIndex;
    }

    void useRunDirectory(RunDirectory dir, ArtifactStore store, BranchRunner branchRunner,
            ChildPipelineRunner childRunner) {
        this.runDir = dir;
        this.artifacts = store;
        this.branches = branchRunner;
        this.children = childRunner;
    }

    Outcome execute(Node node, Context ctx, Fidelity fidelity, Map<String, Integer> retries)
            throws RunCancelledException {
        HandlerRegistry.Resolved resolved = registry.resolve(node);
        RetryPolicy policy = RetryPolicy.forNode(node, graph);
        RunDirectory dir = runDir;
        Path stageDir = dir.stageDir(node.id());
        createDirectory(stageDir);
        String id = node.id();
        String label = node.label();
        String type = resolved.type();
        ctx.set("current_node", id);
        for (int attempt = 1; ; attempt++) {
            checkCancelled();
            int index = stageIndex.incrementAndGet();
            int n = attempt;
            deleteStaleStatus(stageDir);
            bus.emit((run, seq, at) -> new PipelineEvent.StageStarted(run, seq, at, id, label, type, index, n));
            long t0 = System.nanoTime();
            if (attempt == 1) {
                dir.writeStageFile(id, StageContextFile.NAME, StageContextFile.render(ctx.snapshot(),
                        fidelity.mode(), runId));
            }
            StageContext sc = new StageContext(node, ctx, graph, dir.root(), stageDir, runId, attempt, fidelity.mode(),
                    fidelity.threadId(), bus, artifacts, branches, children, dir.fsync(), runSoFar);
            Outcome outcome;
            boolean retryable = true;
            try {
                outcome = runHandler(resolved, sc, stageTimeout(node, type));
                if (outcome == null) {
                    outcome = StatusFile.read(stageDir).orElse(node.autoStatus()
                            ? Outcome.success("auto-status: handler completed without writing status")
                            : Outcome.fail("handler '" + type + "' of node '" + id
                                    + "' reported no outcome and wrote no status.json (set auto_status=true to accept this)"));
                }
            } catch (TimeoutException e) {
                outcome = Outcome.fail("stage '" + id + "' exceeded its timeout of "
                        + node.timeout().map(Durations::human).orElse("?")
                        + " and was cancelled");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                outcome = Outcome.fail(describe(cause));
                retryable = RetryPolicy.isRetryable(cause);
            } catch (RunCancelledException e) {
                long ms = elapsed(t0);
                bus.emit((run, seq, at) -> new PipelineEvent.StageFailed(run, seq, at, id, label, type, index, n, ms,
                        "fail", "cancelled: " + e.getMessage(), false));
                throw e;
            }
            java.util.Optional<String> full = StageOutputBound.exceeded(stageDir, stageMaxBytes,
                    HandlerTypes.MANAGER_LOOP.equals(type));
            if (full.isPresent()) {
                // another attempt would meet the same files (and the bound) again
                outcome = Outcome.fail(full.get()).withContextUpdates(outcome.contextUpdates())
                        .withNotes(outcome.notes());
                retryable = false;
            }
            long ms = elapsed(t0);
            StageStatus status = outcome.status();
            boolean canRetry = attempt < policy.maxAttempts() && !cancellation.isCancelled();
            // a terminal failure (a 401, a context overflow...) fails the same way on every attempt
            boolean willRetry = canRetry && (status == StageStatus.RETRY
                    || (status == StageStatus.FAIL && retryable && !outcome.failureKind().terminal()));
            if (willRetry) {
                String error = outcome.failureReason();
                bus.emit((run, seq, at) -> new PipelineEvent.StageFailed(run, seq, at, id, label, type, index, n, ms,
                        status.wireName(), error, true));
                retries.put(id, attempt);
                ctx.set("internal.retry_count." + id, attempt);
                Duration delay = policy.backoff().delayFor(attempt, random);
                bus.emit((run, seq, at) -> new PipelineEvent.StageRetrying(run, seq, at, id, label, type, index,
                        n + 1, delay.toMillis()));
                sleep(delay);
                continue;
            }
            if (status == StageStatus.RETRY) {
                outcome = node.allowPartial()
                        ? Outcome.partialSuccess("retries exhausted, partial accepted")
                                .withContextUpdates(outcome.contextUpdates())
                        : Outcome.fail("max retries exceeded (" + attempt + " attempts)"
                                + (outcome.failureReason().isEmpty() ? "" : ": " + outcome.failureReason()));
            }
            if (outcome.status().isSuccess() && retries.remove(id) != null) {
                ctx.set("internal.retry_count." + id, null);
            }
            outcome = recordWorkspace(node, attempt, ctx, outcome);
            dir.writeStageFile(id, StatusFile.NAME, new String(StatusFile.render(outcome, fidelity.mode(),
                    fidelity.threadId(), meter.stage(id)), java.nio.charset.StandardCharsets.UTF_8));
            Outcome done = outcome;
            if (done.status() == StageStatus.FAIL) {
                bus.emit((run, seq, at) -> new PipelineEvent.StageFailed(run, seq, at, id, label, type, index, n, ms,
                        "fail", done.failureReason(), false));
            } else {
                bus.emit((run, seq, at) -> new PipelineEvent.StageCompleted(run, seq, at, id, label, type, index, n,
                        ms, done.status().wireName(), done.notes()));
            }
            return done;
        }
    }

    /** Lets the workspace record the stage (a commit) and veto it, before status.json and the checkpoint. */
    private Outcome recordWorkspace(Node node, int attempt, Context ctx, Outcome outcome) throws RunCancelledException {
        try {
            return workspace.afterStage(node, attempt, ctx, outcome);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted while recording the workspace of '" + node.id() + "'");
        } catch (Exception e) {
            return Outcome.fail("workspace: " + describe(e)).withContextUpdates(outcome.contextUpdates());
        }
    }

    /**
     * Runs the handler on the calling thread (no thread hand-off per stage). A timeout or a cancel interrupts it;
     * a handler that ignores the interrupt still has its stage failed by the timeout once it returns.
     */
    private Outcome runHandler(HandlerRegistry.Resolved resolved, StageContext sc, Duration timeout)
            throws TimeoutException, ExecutionException, RunCancelledException {
        checkCancelled();
        long t0 = System.nanoTime();
        Cancellation.Active active = cancellation.enter();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timeout == null ? null : timer.schedule(() -> {
            timedOut.set(true);
            active.interrupt();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Outcome outcome;
        try {
            outcome = resolved.handler().execute(sc);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            if (timedOut.get()) {
                throw new TimeoutException();
            }
            if (cancellation.isCancelled()) {
                throw new RunCancelledException(cancellation.reason());
            }
            if (t instanceof InterruptedException) {
                throw new RunCancelledException("the stage's thread was interrupted");
            }
            throw new ExecutionException(t);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            cancellation.exit(active);
        }
        if (timedOut.get() || (timeout != null && System.nanoTime() - t0 > timeout.toNanos())) {
            throw new TimeoutException();
        }
        if (cancellation.isCancelled() && outcome == null) {
            throw new RunCancelledException(cancellation.reason());
        }
        if (Thread.currentThread().isInterrupted()) {
            // not the engine's own interrupt (exit() cleared those): the thread's owner is stopping the run, and what
            // the handler returned on the way out (a gate answered SKIPPED) is not the stage's result; resume reruns it
            throw new RunCancelledException("the stage's thread was interrupted");
        }
        return outcome;
    }

    /**
     * The node's timeout. Tool commands get theirs enforced by the execution environment, which kills the whole
     * process tree; the engine then only steps in after a grace period, should the environment not return.
     */
    private static Duration stageTimeout(Node node, String type) {
        return node.timeout().map(t -> HandlerTypes.TOOL.equals(type) ? t.plus(TOOL_GRACE) : t).orElse(null);
    }

    private void sleep(Duration delay) throws RunCancelledException {
        try {
            if (sleeper != null) {
                sleeper.sleep(delay);
            } else {
                cancellation.sleep(delay);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted while waiting to retry");
        }
        checkCancelled();
    }

    private void checkCancelled() throws RunCancelledException {
        if (cancellation.isCancelled()) {
            throw new RunCancelledException(cancellation.reason());
        }
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
    }

    private static long elapsed(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void createDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new io.nightshift.pipeline.run.RunFileException(dir, "cannot create the stage directory (" + e + ")", e);
        }
    }

    private static void deleteStaleStatus(Path stageDir) {
        try {
            Files.deleteIfExists(stageDir.resolve(StatusFile.NAME));
        } catch (IOException e) {
            throw new io.nightshift.pipeline.run.RunFileException(stageDir, "cannot remove an old status.json (" + e + ")", e);
        }
    }
}
