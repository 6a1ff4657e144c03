package io.nightshift.bench;

import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.store.DockerScenarioStore;
import io.nightshift.harness.suite.SuiteDirectory;
import io.nightshift.harness.suite.SuiteLoader;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.ServiceContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scenario store figures: one request's round trip (an exec of store.py), fetching a suite, and parsing it. Plain
 * timing with warm-up and medians, as {@code SandboxBenchmark}. Run with
 * {@code mvn -o test -Dtest=ScenarioStoreBenchmark}; figures go to {@code target/scenario-store-benchmark.txt}.
 * Uses a store of its own, removed afterwards.
 */
@Tag("docker")
class ScenarioStoreBenchmark {

    private static final int WARMUP = 3;
    private static final int RUNS = 15;

    @Test
    void measure() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        String name = "nightshift-store-bench-" + UUID.randomUUID().toString().substring(0, 8);
        SuiteFiles greeter = SuiteDirectory.read(Path.of("src/test/resources/suites/greeter"));
        List<String> lines = new ArrayList<>();
        try (DockerEngine engine = DockerEngine.connect()) {
            try {
                long t = System.nanoTime();
                DockerScenarioStore store = new DockerScenarioStore(engine, name, name);
                store.list();
                lines.add(String.format(Locale.ROOT, "%-72s %8.2f ms", "first request, container created",
                        millis(t)));
                store.importSuite("greeter", greeter);
                lines.add(figure("request round trip (list)", () -> store.list()));
                lines.add(figure("re-import of identical content (validate + no-op)",
                        () -> store.importSuite("greeter", greeter)));
                lines.add(figure("fetch the current files (get)", () -> store.files("greeter")));
                lines.add(figure("fetch + parse the suite (get + SuiteLoader)",
                        () -> new SuiteLoader().load(store.files("greeter").orElseThrow())));
                lines.add(figure("parse only (SuiteLoader, 4 scenarios)", () -> new SuiteLoader().load(greeter)));
            } finally {
                new ServiceContainers(engine).remove(name, name);
            }
        }
        Path report = Path.of("target", "scenario-store-benchmark.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, lines);
        lines.forEach(System.out::println);
    }

    private static String figure(String what, Supplier<?> action) {
        double[] ms = new double[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            long t = System.nanoTime();
            action.get();
            if (i >= 0) {
                ms[i] = millis(t);
            }
        }
        Arrays.sort(ms);
        return String.format(Locale.ROOT, "%-72s median %8.2f ms   p90 %8.2f ms   (n=%d)", what, ms[RUNS / 2],
                ms[(int) Math.ceil(RUNS * 0.9) - 1], RUNS);
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
