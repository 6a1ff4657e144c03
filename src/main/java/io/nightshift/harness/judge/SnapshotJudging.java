package io.nightshift.harness.judge;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.Disclosures;
import io.nightshift.harness.JudgeException;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.Scenario;
import io.nightshift.harness.ScenarioResult;
import io.nightshift.harness.Suite;
import io.nightshift.harness.TrialResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.workspace.Snapshots;
import io.nightshift.workspace.WorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The judging both judges share: resolves the commit, then runs every (scenario, trial) pair as a task on a pool
 * of {@link JudgeRequest#effectiveParallelism()} threads; each task exports the commit into its own fresh
 * directory, starts its own environment over it, runs the scenario and removes environment and directory, in a
 * {@code finally}. The listener hears of a scenario as soon as its last trial ends. When a trial's environment
 * cannot start, or the caller is interrupted, the remaining tasks are cancelled, every environment is removed and
 * a {@link JudgeException} is thrown.
 */
final class SnapshotJudging {

    private static final long STOP_WAIT_SECONDS = 60;

    private final TrialEnvironments environments;

    SnapshotJudging(TrialEnvironments environments) {
        this.environments = environments;
    }

    MeasuredJudgment judge(JudgeRequest request, JudgeListener listener) {
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        Suite suite = request.suite();
        String commit;
        try {
            commit = Snapshots.resolve(request.repository(), request.commit());
        } catch (WorkspaceException e) {
            throw new JudgeException("Cannot judge suite '" + suite.name() + "': " + e.getMessage(), false, e);
        }
        environments.prepare(request);
        int trials = request.effectiveTrials();
        List<Scenario> scenarios = suite.scenarios();
        SerialListener events = new SerialListener(listener, suite.settings().disclosure());
        events.started(suite.name(), suite.version(), commit, scenarios.size(), trials);
        Path root = temporaryRoot();
        ScenarioRunner runner = new ScenarioRunner(new LlmJudge(request.llm(), request.judgeModel()),
                environments.disposable());
        TrialResult[][] results = new TrialResult[scenarios.size()][trials];
        AtomicInteger[] remaining = new AtomicInteger[scenarios.size()];
        Arrays.setAll(remaining, i -> new AtomicInteger(trials));
        Counters counters = new Counters();
        ExecutorService pool = Executors.newFixedThreadPool(request.effectiveParallelism(), daemonThreads());
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int s = 0; s < scenarios.size(); s++) {
                for (int t = 0; t < trials; t++) {
                    int si = s;
                    int ti = t;
                    tasks.add(pool.submit(() -> {
                        Path dir = root.resolve("s" + si + "-t" + ti);
                        try {
                            results[si][ti] = trial(request, commit, scenarios.get(si), ti + 1, dir, runner, counters);
                        } finally {
                            Trees.delete(dir);
                        }
                        if (remaining[si].decrementAndGet() == 0) {
                            events.scenarioJudged(si, new ScenarioResult(scenarios.get(si), List.of(results[si])));
                        }
                        return null;
                    }));
                }
            }
            awaitAll(tasks, pool, suite.name());
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
            Trees.delete(root);
        }
        List<ScenarioResult> scenarioResults = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            scenarioResults.add(new ScenarioResult(scenarios.get(s), List.of(results[s])));
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Judgment judgment = new Judgment(suite.name(), suite.version(), commit, suite.settings().disclosure(),
                request.effectiveThreshold(), scenarioResults, startedAt, wallMs);
        events.completed(Disclosures.disclose(judgment));
        return new MeasuredJudgment(judgment, new JudgeFigures(wallMs, counters.export.get(), counters.environment.get(),
                counters.command.get(), counters.trial.get(), scenarios.size() * trials));
    }

    private TrialResult trial(JudgeRequest request, String commit, Scenario scenario, int number, Path dir,
                              ScenarioRunner runner, Counters counters) throws IOException {
        long t0 = System.nanoTime();
        Path snapshot = dir.resolve("workspace");
        Path home = Files.createDirectories(dir.resolve("home"));
        try {
            Snapshots.export(request.repository(), commit, snapshot);
        } catch (WorkspaceException e) {
            throw new JudgeException("Cannot export " + commit + " for a trial: " + e.getMessage(), false, e);
        }
        long t1 = System.nanoTime();
        counters.export.addAndGet((t1 - t0) / 1_000_000);
        ExecutionEnvironment env = environments.start(snapshot, home, request);
        long t2 = System.nanoTime();
        ScenarioRunner.Run run;
        try {
            run = runner.runTimed(scenario, number, env);
        } finally {
            long t3 = System.nanoTime();
            removeEvenIfInterrupted(env);
            counters.environment.addAndGet((t2 - t1 + System.nanoTime() - t3) / 1_000_000);
        }
        counters.command.addAndGet(run.commandMs());
        counters.trial.addAndGet((System.nanoTime() - t0) / 1_000_000);
        return run.result();
    }

    /** An interrupted thread cannot talk to the engine, so the flag is set aside while the environment goes. */
    private static void removeEvenIfInterrupted(ExecutionEnvironment env) {
        boolean interrupted = Thread.interrupted();
        try {
            env.close();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitAll(List<Future<?>> tasks, ExecutorService pool, String suite) {
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new JudgeException("Judging suite '" + suite + "' was interrupted; its judge environments were removed.",
                    false, e);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            Throwable cause = e.getCause();
            if (cause instanceof JudgeException j) {
                throw j;
            }
            throw new JudgeException("Judging suite '" + suite + "' stopped: a judge environment could not run: "
                    + cause.getMessage(), cause instanceof io.nightshift.sandbox.SandboxException s && s.retryable(), cause);
        }
    }

    private static void awaitStopped(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("nightshift-judge-");
        } catch (IOException e) {
            throw new JudgeException("Cannot create a temporary directory for judge snapshots: " + e.getMessage(), true, e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "nightshift-judge-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Counters {
        final AtomicLong export = new AtomicLong();
        final AtomicLong environment = new AtomicLong();
        final AtomicLong command = new AtomicLong();
        final AtomicLong trial = new AtomicLong();
    }
}
