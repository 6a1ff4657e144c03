package io.nightshift.bench;

import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Edge;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * DESIGN.md budget: the engine in simulate mode on a 1,000-node linear pipeline, with every run-directory write
 * (prompt.md, response.md, status.json, checkpoint.json, events.jsonl), costs under 1 ms per node. One operation is
 * one whole run; divide ms/op by {@link #NODES} for ms/node. Run {@link #main} (1 fork, 2 warmup and 3 measurement
 * iterations). The run directories go to {@code java.io.tmpdir}, or to {@code -Dengine.bench.dir=DIR}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class EngineBenchmark {

    public static final int NODES = 1000;

    private Graph graph;
    private Path dir;

    @Setup(Level.Trial)
    public void buildGraph() {
        graph = linear(NODES);
    }

    @Setup(Level.Invocation)
    public void freshDirectory() throws IOException {
        String base = System.getProperty("engine.bench.dir", System.getProperty("java.io.tmpdir"));
        dir = Files.createTempDirectory(Path.of(base), "engine-bench");
    }

    @TearDown(Level.Invocation)
    public void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public RunResult linearSimulatedRun() {
        RunResult result = new PipelineEngine(RunConfig.builder(dir.resolve("run")).build()).run(graph);
        if (!result.succeeded() || result.completedNodes().size() != NODES + 2) {
            throw new IllegalStateException("benchmark run did not complete: " + result.failureReason());
        }
        return result;
    }

    /** start, {@code n} codergen stages, exit. */
    public static Graph linear(int n) {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        nodes.add(Node.of("start", Attributes.EMPTY.with("shape", "Mdiamond")));
        String previous = "start";
        for (int i = 1; i <= n; i++) {
            String id = "stage_" + i;
            nodes.add(Node.of(id, Attributes.EMPTY.with("prompt", "Do step " + i + " of $goal")));
            edges.add(Edge.of(previous, id, Attributes.EMPTY));
            previous = id;
        }
        nodes.add(Node.of("done", Attributes.EMPTY.with("shape", "Msquare")));
        edges.add(Edge.of(previous, "done", Attributes.EMPTY));
        return new Graph("bench", "", Attributes.EMPTY.with("goal", "the benchmark"), nodes, edges);
    }

    public static void main(String[] args) throws RunnerException {
        var results = new Runner(new OptionsBuilder().include(EngineBenchmark.class.getSimpleName()).build()).run();
        for (var r : results) {
            double msPerRun = r.getPrimaryResult().getScore();
            System.out.printf("%s: %.1f ms/run = %.3f ms/node%n", r.getParams().getBenchmark(), msPerRun,
                    msPerRun / (NODES + 2));
        }
    }
}
