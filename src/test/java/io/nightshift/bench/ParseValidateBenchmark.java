package io.nightshift.bench;

import io.nightshift.pipeline.dot.DotSource;
import io.nightshift.pipeline.transform.PipelinePreparer;
import io.nightshift.pipeline.transform.PreparedPipeline;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * DESIGN.md budget: DOT parse + transform + validate of a 10,000-node linear graph under 300 ms warm.
 * Run with {@code java -cp <test classpath> io.nightshift.bench.ParseValidateBenchmark}. Sample-time mode, so
 * the report has the median (p0.50) the budget is stated in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ParseValidateBenchmark {

    private DotSource source;
    private PipelinePreparer preparer;

    @Setup
    public void setUp() {
        source = DotSource.of(LinearPipelines.dot(10_000), "linear-10000.dot");
        preparer = new PipelinePreparer();
    }

    @Benchmark
    public PreparedPipeline parseTransformValidate10kNodes() {
        PreparedPipeline prepared = preparer.prepare(source);
        if (!prepared.valid()) {
            throw new IllegalStateException("benchmark graph is invalid: " + prepared.errors());
        }
        return prepared;
    }

    /** Runs briefly: 1 fork, 3 warmup and 5 measurement iterations. Extra JMH options (e.g. -prof gc) pass through. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ParseValidateBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .build();
        new Runner(options).run();
    }
}
