package io.nightshift.harness.judge;

import io.nightshift.harness.Gate;
import io.nightshift.harness.TrialPlan;
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
 * of {@link JudgeRequest#effectiveParallelism()} threads, in rounds while adaptive trials ({@link TrialPlan}) find
 * the gate's decision unsettled; each task exports the commit into its own fresh
 * directory, starts its own environment over it, runs the scenario and removes environment and directory, in a
 * {@code finally}. The listener hears of a scenario as soon as its last trial ends. When a trial's environment
 * cannot start, or the caller is interrupted, the remaining tasks are cancelled, every environment is removed and
 * a {@link JudgeException} is thrown.
 */
final class SnapshotJudging {

    private static final long STOP_WAIT_SECONDS = 60;
    /** How often a trial that failed on the judge's side is run again before it is kept as a judge error. */
    static final int JUDGE_RETRIES = 2;

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
        TrialPlan plan = new TrialPlan(request.effectiveTrials(), request.effectiveMaxTrials());
        Gate gate = request.effectiveGate();
        List<Scenario> scenarios = suite.scenarios();
        SerialListener events = new SerialListener(listener, suite.settings().disclosure());
        events.started(suite.name(), suite.version(), commit, scenarios.size(), plan.initial());
        Path root = temporaryRoot();
        ScenarioRunner runner = new ScenarioRunner(new LlmJudge(request.llm(), request.judgeModel()),
                environments.disposable());
        List<List<TrialResult>> results = new ArrayList<>();
        scenarios.forEach(s -> results.add(new ArrayList<>()));
        Counters counters = new Counters();
        ExecutorService pool = Executors.newFixedThreadPool(request.effectiveParallelism(), daemonThreads());
        int done = 0;
        int add = plan.initial();
        try {
            while (add > 0) {
                runRound(request, commit, scenarios, done, add, plan.adaptive() ? null : events, results, root,
                        runner, counters, pool);
                done += add;
                Judgment sofar = judgment(request, commit, results, startedAt, 0, gate);
                add = plan.more(done, sofar.estimate());
            }
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
            Trees.delete(root);
        }
        if (plan.adaptive()) {
            for (int s = 0; s < scenarios.size(); s++) {
                events.scenarioJudged(s, new ScenarioResult(scenarios.get(s), results.get(s)));
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        Judgment judgment = judgment(request, commit, results, startedAt, wallMs, gate);
        events.completed(Disclosures.disclose(judgment));
        return new MeasuredJudgment(judgment, new JudgeFigures(wallMs, counters.export.get(), counters.environment.get(),
                counters.command.get(), counters.trial.get(), counters.trials.get()));
    }

    private static Judgment judgment(JudgeRequest request, String commit, List<List<TrialResult>> results,
            Instant startedAt, long wallMs, Gate gate) {
        Suite suite = request.suite();
        List<ScenarioResult> scenarioResults = new ArrayList<>();
        for (int s = 0; s < suite.scenarios().size(); s++) {
            List<TrialResult> trials = new ArrayList<>(results.get(s));
            trials.sort(java.util.Comparator.comparingInt(TrialResult::trial));
            scenarioResults.add(new ScenarioResult(suite.scenarios().get(s), trials));
        }
        return new Judgment(suite.name(), suite.version(), commit, suite.settings().disclosure(),
                request.effectiveThreshold(), scenarioResults, startedAt, wallMs, gate);
    }

    /**
     * Runs trials {@code done + 1 .. done + add} of every scenario on the pool and waits for them. A trial the judge
     * itself could not complete is run again, up to {@value #JUDGE_RETRIES} times, and kept as a judge error after.
     * {@code events}, when given, hears of a scenario as soon as its last trial of the round ends.
     */
    private void runRound(JudgeRequest request, String commit, List<Scenario> scenarios, int done, int add,
            SerialListener events, List<List<TrialResult>> results, Path root, ScenarioRunner runner,
            Counters counters, ExecutorService pool) {
        AtomicInteger[] remaining = new AtomicInteger[scenarios.size()];
        Arrays.setAll(remaining, i -> new AtomicInteger(add));
        List<Future<?>> tasks = new ArrayList<>();
        for (int s = 0; s < scenarios.size(); s++) {
            for (int t = done; t < done + add; t++) {
                int si = s;
                int ti = t;
                tasks.add(pool.submit(() -> {
                    TrialResult result = null;
                    for (int attempt = 0; attempt <= JUDGE_RETRIES && (result == null || result.judgeError());
                            attempt++) {
                        Path dir = root.resolve("s" + si + "-t" + ti + "-a" + attempt);
                        try {
                            result = trial(request, commit, scenarios.get(si), ti + 1, dir, runner, counters);
                        } finally {
                            Trees.delete(dir);
                        }
                    }
                    List<TrialResult> mine = results.get(si);
                    synchronized (mine) {
                        mine.add(result);
                    }
                    if (remaining[si].decrementAndGet() == 0 && events != null) {
                        List<TrialResult> copy;
                        synchronized (mine) {
                            copy = new ArrayList<>(mine);
                        }
                        copy.sort(java.util.Comparator.comparingInt(TrialResult::trial));
                        events.scenarioJudged(si, new ScenarioResult(scenarios.get(si), copy));
                    }
                    return null;
                }));
            }
        }
        awaitAll(tasks, pool, request.suite().name());
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
        TrialTwins twins = environments.twins(request);
        ExecutionEnvironment env;
        try {
            env = environments.start(snapshot, home, request, twins);
        } catch (RuntimeException e) {
            removeEvenIfInterrupted(twins);
            throw e;
        }
        long t2 = System.nanoTime();
        ScenarioRunner.Run run;
        try {
            run = runner.runTimed(scenario, number, env, twins);
        } finally {
            long t3 = System.nanoTime();
            try {
                removeEvenIfInterrupted(env);
            } finally {
                removeEvenIfInterrupted(twins);
            }
            counters.environment.addAndGet((t2 - t1 + System.nanoTime() - t3) / 1_000_000);
        }
        counters.command.addAndGet(run.commandMs());
        counters.trial.addAndGet((System.nanoTime() - t0) / 1_000_000);
        counters.trials.incrementAndGet();
        return run.result();
    }

    /** An interrupted thread cannot talk to the engine, so the flag is set aside while the environment goes. */
    private static void removeEvenIfInterrupted(AutoCloseable env) {
        boolean interrupted = Thread.interrupted();
        try {
            env.close();
        } catch (Exception e) {
            // removal is best effort: the reaper sweeps what is left by its labels
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
        /** Judge containers started (trials run, judge-error retries included). */
        final AtomicInteger trials = new AtomicInteger();
    }
}
