package io.nightshift.bench;

import io.nightshift.agent.session.UsageGate;
import io.nightshift.llm.Usage;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.budget.SpendMeter;
import io.nightshift.event.SpendReport;
import io.nightshift.event.PipelineEvent;
import io.nightshift.runtime.agent.Prices;
import io.nightshift.runtime.agent.SpendGate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 14: what budget accounting adds to each model call. {@code metered} is the whole path the agent loop takes
 * after a call (normalize the usage, price it from the catalog, record it per stage and provider, check the run's
 * and the node's budgets, build the {@code model_call_completed} event); {@code unmetered} is the same call with
 * no gate. A model call takes hundreds of milliseconds to minutes; the difference must be microseconds at most.
 */
@State(Scope.Thread)
public class BudgetAccountingBenchmark {

    private static final Usage USAGE = new Usage(12_000, 800, 12_800, 200L, 9_000L, 500L, null);

    private UsageGate metered;
    private UsageGate unmetered;
    private Blackhole sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole bh) {
        sink = bh;
        SpendMeter meter = new SpendMeter();
        meter.begin(new Budget(Long.MAX_VALUE, 1e12, Duration.ofDays(365)), Map.of("work",
                new Budget(Long.MAX_VALUE, 1e12, null)), SpendReport.EMPTY, (call, stage, total) -> sink.consume(
                        new PipelineEvent.ModelCallCompleted("run", 1, Instant.EPOCH, call.nodeId(), call.provider(),
                                call.model(), call.inputTokens(), call.cachedInputTokens(), call.outputTokens(),
                                call.reasoningTokens(), call.tokens(), call.costUsd(), stage.tokens(), stage.costUsd(),
                                total.tokens(), total.costUsd(), total.costKnown())));
        metered = new SpendGate(meter, Prices.fromEnvironment(Map.of())).forNode(() -> "work");
        unmetered = SpendGate.NONE.forNode(() -> "work");
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String metered() {
        return metered.afterCall("anthropic", "claude-sonnet-4-5", USAGE);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public String unmetered() {
        return unmetered.afterCall("anthropic", "claude-sonnet-4-5", USAGE);
    }
}
