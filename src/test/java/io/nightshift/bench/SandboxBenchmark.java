package io.nightshift.bench;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.sandbox.docker.SandboxPool;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Docker sandbox figures for DESIGN.md's budgets (warm acquire under 20 ms; exec round trip at least as fast as
 * {@code docker exec} from the CLI). Plain timing with warm-up, medians and 90th percentiles, not JMH: the
 * operations take milliseconds and talk to an external engine, so JMH's nanosecond machinery adds nothing.
 * Run with {@code mvn -o test -Dtest=SandboxBenchmark}; figures go to {@code target/sandbox-benchmark.txt}
 * (and the test's output file). Not named *Test, so the normal test run skips it.
 */
@Tag("docker")
class SandboxBenchmark {

    private static final int WARMUP = 3;

    @Test
    void measure() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("nightshift-bench");
        List<String> lines = new ArrayList<>();
        try (DockerEngine engine = DockerEngine.connect()) {
            lines.add(coldStart(engine, root));
            lines.add(warmAcquire(engine, root));
            lines.addAll(roundTrips(engine, root));
            lines.addAll(fileOperations(engine, root));
        }
        Path report = Path.of("target", "sandbox-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
        PrintStream out = System.out;
        lines.forEach(out::println);
    }

    private static String coldStart(DockerEngine engine, Path root) throws IOException {
        double[] ms = new double[8];
        for (int i = -WARMUP; i < ms.length; i++) {
            Path ws = Files.createTempDirectory(root, "cold");
            long t = System.nanoTime();
            try (DockerExecutionEnvironment env = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, ws,
                    "bench-cold")) {
                env.initialize();
                if (i >= 0) {
                    ms[i] = millis(t);
                }
            }
        }
        return figure("cold start (create + start + running)", ms);
    }

    private static String warmAcquire(DockerEngine engine, Path root) throws Exception {
        double[] ms = new double[12];
        try (SandboxPool pool = new SandboxPool(engine, SandboxPolicy.DEFAULTS, root.resolve("slots"), 2)) {
            pool.start();
            for (int i = -WARMUP; i < ms.length; i++) {
                if (!pool.awaitWarm(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("pool did not warm up", pool.lastError());
                }
                long t = System.nanoTime();
                DockerExecutionEnvironment env = pool.acquire("bench-warm");
                double elapsed = millis(t);
                if (i >= 0) {
                    ms[i] = elapsed;
                }
                env.close();
            }
        }
        return figure("warm acquire from the pool (budget < 20 ms)", ms);
    }

    private static List<String> roundTrips(DockerEngine engine, Path root) throws Exception {
        int n = 30;
        double[] api = new double[n];
        double[] cli = new double[n];
        double[] local = new double[n];
        double[] resident = new double[n];
        Path ws = Files.createTempDirectory(root, "rt");
        try (DockerExecutionEnvironment env = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, ws,
                "bench-rt"); DockerExecutionEnvironment withRunner = new DockerExecutionEnvironment(engine,
                        SandboxPolicy.DEFAULTS, ws, "bench-runner"); LocalExecutionEnvironment loc =
                        new LocalExecutionEnvironment(ws, Map.of("PATH", "/usr/bin:/bin"))) {
            env.initialize();
            withRunner.useResidentRunner();
            String id = env.sandbox().id();
            for (int i = -WARMUP; i < n; i++) {
                long t = System.nanoTime();
                ExecResult r = env.execCommand("true", 10_000, null, null);
                double a = millis(t);
                t = System.nanoTime();
                Process p = new ProcessBuilder("docker", "exec", id, "true").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                int code = p.waitFor();
                double c = millis(t);
                t = System.nanoTime();
                loc.execCommand("true", 10_000, null, null);
                double l = millis(t);
                t = System.nanoTime();
                ExecResult rr = withRunner.execCommand("true", 10_000, null, null);
                double rs = millis(t);
                if (r.exitCode() != 0 || code != 0 || rr.exitCode() != 0) {
                    throw new IllegalStateException("round trip failed: " + r + " / docker exec exit " + code
                            + " / resident runner " + rr);
                }
                if (i >= 0) {
                    api[i] = a;
                    cli[i] = c;
                    local[i] = l;
                    resident[i] = rs;
                }
            }
        }
        return List.of(figure("exec round trip `true`, Engine API (ours)", api),
                figure("exec round trip `true`, `docker exec` CLI", cli),
                figure("exec round trip `true`, local environment", local),
                figure("exec round trip `true`, resident runner in the sandbox (stretch < 10 ms)", resident));
    }

    private static List<String> fileOperations(DockerEngine engine, Path root) throws Exception {
        int n = 200;
        String content = "x".repeat(80).concat("\n").repeat(128);
        double[] docker = new double[n];
        double[] local = new double[n];
        Path dws = Files.createTempDirectory(root, "fd");
        Path lws = Files.createTempDirectory(root, "fl");
        try (DockerExecutionEnvironment env = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, dws,
                "bench-files"); LocalExecutionEnvironment loc = new LocalExecutionEnvironment(lws, Map.of())) {
            env.initialize();
            for (int i = -WARMUP; i < n; i++) {
                long t = System.nanoTime();
                env.writeFile("f" + (i & 7) + ".txt", content);
                env.readFile("f" + (i & 7) + ".txt", 10, 50);
                double d = millis(t);
                t = System.nanoTime();
                loc.writeFile("f" + (i & 7) + ".txt", content);
                loc.readFile("f" + (i & 7) + ".txt", 10, 50);
                double l = millis(t);
                if (i >= 0) {
                    docker[i] = d;
                    local[i] = l;
                }
            }
        }
        return List.of(figure("write 10 KB + read 50 lines, Docker sandbox (host side of the mount)", docker),
                figure("write 10 KB + read 50 lines, local environment", local));
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String figure(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double p90 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)];
        return String.format(Locale.ROOT, "%-72s median %8.2f ms   p90 %8.2f ms   (n=%d)", what, median, p90,
                ms.length);
    }
}
