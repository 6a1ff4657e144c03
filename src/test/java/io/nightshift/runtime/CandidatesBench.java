package io.nightshift.runtime;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.harness.FakeGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 19's overhead figure ({@code bin/bench candidates [runs]}): the wall time of a simulated one-stage run, judged
 * in place by a gateway double, with {@code candidates=1} and {@code candidates=3}, local sandbox. What it measures
 * is the mechanism's own cost (a worktree per candidate, its commit, its side ref, the merge, the report): models
 * and judge containers are what a real run adds on top, once per candidate.
 */
public final class CandidatesBench {

    private static final String PIPELINE = """
            digraph bench {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [prompt="work", candidates=%d, harness.suite="greet", harness.max_rounds=1]
                start -> work -> exit
            }
            """;

    private CandidatesBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path root = Files.createTempDirectory("candidates-bench");
        Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        for (int n : new int[] {1, 3}) {
            List<Long> ms = new ArrayList<>();
            for (int i = 0; i < runs + 2; i++) {
                Path dir = root.resolve("c" + n + "-" + i);
                Files.createDirectories(dir);
                Path dot = RunFixtures.dot(dir, "bench.dot", PIPELINE.formatted(n));
                FakeGateway gateway = new FakeGateway(call -> true);
                RunLauncher launcher = new RunLauncher(new PipelineLoader(), env, Clock.systemUTC(), gateway);
                RunRequest request = new RunRequest(dot, true, true, dir.resolve("run"), null, Map.of(), null,
                        "local", null, null, false, false, true);
                long t0 = System.nanoTime();
                RunResult result = launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(),
                        List.of(), note -> { });
                long elapsed = (System.nanoTime() - t0) / 1_000_000;
                if (result.status() != RunStatus.SUCCESS || gateway.calls.size() != n) {
                    throw new IllegalStateException("run with candidates=" + n + " ended " + result.status() + ": "
                            + result.failureReason());
                }
                if (i >= 2) {
                    ms.add(elapsed); // the first two warm the JVM
                }
            }
            Collections.sort(ms);
            System.out.printf(Locale.ROOT, "candidates=%d: median %d ms per run (min %d, max %d, %d runs), %d judgments"
                    + " per run%n", n, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1), ms.size(), n);
        }
    }
}
