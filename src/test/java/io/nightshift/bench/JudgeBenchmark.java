package io.nightshift.bench;

import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Scenario;
import io.nightshift.harness.Scenarios;
import io.nightshift.harness.StepAction;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteSettings;
import io.nightshift.harness.judge.DockerJudge;
import io.nightshift.harness.judge.JudgeFigures;
import io.nightshift.harness.judge.LocalJudge;
import io.nightshift.harness.judge.MeasuredJudgment;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's benchmark: the time to judge a 20-scenario suite with 3 trials in parallel judge containers (bounded by
 * the machine's cores), and the harness's own overhead per scenario: a scenario's trials minus the time they spent
 * waiting for commands (snapshot export, container start and removal, and the runner itself). Plain timing with a
 * warm-up and medians, not JMH: one judgment takes seconds and talks to the Docker engine. Run with
 * {@code mvn -o test -Dtest=JudgeBenchmark}; figures go to {@code target/judge-benchmark.txt}. Not named *Test, so
 * the normal test run skips it.
 */
@Tag("docker")
class JudgeBenchmark {

    static final int SCENARIOS = 20;
    static final int TRIALS = 3;
    static final int RUNS = 3;

    @Test
    void measure() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("nightshift-judge-bench");
        Path repo = repository(root.resolve("repo"));
        Suite suite = suite();
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "judging %d scenarios x %d trials (4 steps each), %d cores, median of %d runs"
                + " after a warm-up", SCENARIOS, TRIALS, cores, RUNS));
        try (DockerEngine engine = DockerEngine.connect()) {
            DockerJudge docker = new DockerJudge(engine, SandboxPolicy.DEFAULTS);
            JudgeRequest request = JudgeRequest.of(suite, repo, "HEAD").withRunId("bench");
            lines.addAll(measure("docker, parallelism " + request.effectiveParallelism() + " (default)",
                    () -> docker.judgeMeasured(request, null)));
            lines.addAll(measure("docker, parallelism 4", () -> docker.judgeMeasured(request.withParallelism(4), null)));
        }
        LocalJudge local = new LocalJudge(System.getenv("PATH"));
        lines.addAll(measure("local (no containers), parallelism 2",
                () -> local.judgeMeasured(JudgeRequest.of(suite, repo, "HEAD").withParallelism(2), null)));
        Path report = Path.of("target", "judge-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
        lines.forEach(System.out::println);
    }

    private static List<String> measure(String name, Supplier<MeasuredJudgment> judge) {
        MeasuredJudgment warm = judge.get();
        if (warm.judgment().satisfiedTrials() != SCENARIOS * TRIALS) {
            throw new IllegalStateException("the benchmark suite should be satisfied: " + warm.judgment());
        }
        double[] wall = new double[RUNS];
        double[] perScenario = new double[RUNS];
        double[] runner = new double[RUNS];
        double[] environment = new double[RUNS];
        double[] export = new double[RUNS];
        double[] commands = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            JudgeFigures f = judge.get().figures();
            wall[i] = f.wallMs();
            perScenario[i] = (double) (f.trialMs() - f.commandMs()) / SCENARIOS;
            runner[i] = (double) (f.trialMs() - f.commandMs() - f.exportMs() - f.environmentMs()) / f.trials();
            environment[i] = (double) f.environmentMs() / f.trials();
            export[i] = (double) f.exportMs() / f.trials();
            commands[i] = (double) f.commandMs() / f.trials();
        }
        return List.of(name + ":",
                String.format(Locale.ROOT, "  judgment wall time            %8.0f ms (min %.0f, max %.0f)", median(wall),
                        min(wall), max(wall)),
                String.format(Locale.ROOT, "  harness overhead per scenario %8.1f ms (its %d trials, minus command time)",
                        median(perScenario), TRIALS),
                String.format(Locale.ROOT, "    per trial: environment start+removal %.1f ms, snapshot export %.1f ms,"
                        + " runner %.2f ms; commands %.1f ms", median(environment), median(export), median(runner),
                        median(commands)));
    }

    /** A small program: a script that answers like a CLI would. */
    private static Path repository(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("src"));
        Path app = dir.resolve("app.sh");
        Files.writeString(app, "#!/bin/sh\nread name\necho \"hello, $name\"\n");
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve("src/file" + i + ".txt"), ("line " + i + "\n").repeat(200));
        }
        git(dir, "init", "-q", "-b", "main");
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=Bench", "-c", "user.email=b@example.com", "commit", "-q", "-m", "app");
        return dir;
    }

    private static Suite suite() {
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 1; i <= SCENARIOS; i++) {
            scenarios.add(Scenarios.scenario("greets person " + i,
                    Scenarios.run("./app.sh", "person " + i + "\n", java.time.Duration.ofSeconds(20), null),
                    Scenarios.exitCode(0),
                    Scenarios.stdout(StepAction.Match.EQUALS, "hello, person " + i),
                    Scenarios.stdout(StepAction.Match.MATCHES, "^hello, person \\d+$")));
        }
        return new Suite(new SuiteSettings("bench", TRIALS, Disclosure.HINTS, 1.0, null), "bench-v1", scenarios);
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git failed: " + out);
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }
}
