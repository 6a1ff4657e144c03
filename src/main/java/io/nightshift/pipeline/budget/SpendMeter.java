package io.nightshift.pipeline.budget;

import io.nightshift.event.Spend;
import io.nightshift.event.SpendReport;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Counts what a run spends and tells when a budget is reached. The codergen backend {@link #record}s each model
 * call as it finishes and stops its stage when a breach is returned; the engine checks {@link #breach} after each
 * stage and ends the run. One meter per run; thread-safe (parallel branches record concurrently). A node's budget
 * covers all its visits together.
 */
public final class SpendMeter {

    /** Told of every recorded call, with the stage's and the run's totals after it. Must be fast and not throw. */
    @FunctionalInterface
    public interface Listener {
        void recorded(ModelCall call, Spend stage, Spend total);
    }

    private final LongSupplier nanoTime;
    private Budget budget = Budget.NONE;
    private Map<String, Budget> nodeBudgets = Map.of();
    private Listener listener = (call, stage, total) -> { };
    private Spend total = Spend.ZERO;
    private final Map<String, Spend> byStage = new LinkedHashMap<>();
    private final Map<String, Spend> byProvider = new LinkedHashMap<>();
    private long priorElapsedMs;
    private long beganNanos;
    private volatile BudgetBreach breach;

    public SpendMeter() {
        this(System::nanoTime);
    }

    /** With the clock that measures the time budget (tests pass their own). */
    public SpendMeter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.beganNanos = nanoTime.getAsLong();
    }

    /**
     * Starts (or, after a resume, continues) metering under {@code budget} and the nodes' own budgets, from the
     * spend {@code prior} a checkpoint recorded. Called by the engine once, before the first stage.
     */
    public synchronized void begin(Budget runBudget, Map<String, Budget> nodes, SpendReport prior, Listener onCall) {
        this.budget = runBudget == null ? Budget.NONE : runBudget;
        this.nodeBudgets = nodes == null ? Map.of() : new HashMap<>(nodes);
        this.listener = onCall == null ? (call, stage, sum) -> { } : onCall;
        SpendReport from = prior == null ? SpendReport.EMPTY : prior;
        total = from.total();
        byStage.clear();
        byStage.putAll(from.byStage());
        byProvider.clear();
        byProvider.putAll(from.byProvider());
        priorElapsedMs = from.elapsedMs();
        beganNanos = nanoTime.getAsLong();
        breach = null;
    }

    /** Adds one finished model call; returns the breach that should stop its stage now, if any. Never throws. */
    public Optional<BudgetBreach> record(ModelCall call) {
        Spend stage;
        Spend sum;
        Listener tell;
        synchronized (this) {
            stage = call.addTo(byStage.getOrDefault(call.nodeId(), Spend.ZERO));
            byStage.put(call.nodeId(), stage);
            byProvider.put(call.provider(), call.addTo(byProvider.getOrDefault(call.provider(), Spend.ZERO)));
            total = call.addTo(total);
            sum = total;
            tell = listener;
            if (breach == null) {
                breach = check(call, stage);
            }
        }
        try {
            tell.recorded(call, stage, sum);
        } catch (RuntimeException ignored) {
            // a listener must not change what the meter decides
        }
        return Optional.ofNullable(breach);
    }

    /** Checks the time budget (the engine calls this between stages); returns the breach, if any. */
    public synchronized Optional<BudgetBreach> checkTime() {
        if (breach == null && budget.maxTime() != null && elapsedMs() >= budget.maxTime().toMillis()) {
            breach = new BudgetBreach(BudgetBreach.Kind.TIME, "", "run reached its time budget of "
                    + io.nightshift.pipeline.graph.Durations.human(budget.maxTime()) + " (max_time)");
        }
        return Optional.ofNullable(breach);
    }

    /** The first breach since {@link #begin}, if any. */
    public Optional<BudgetBreach> breach() {
        return Optional.ofNullable(breach);
    }

    public synchronized SpendReport report() {
        return new SpendReport(total, byStage, byProvider, elapsedMs());
    }

    public synchronized Spend total() {
        return total;
    }

    public synchronized Spend stage(String nodeId) {
        return byStage.getOrDefault(nodeId, Spend.ZERO);
    }

    private long elapsedMs() {
        return priorElapsedMs + (nanoTime.getAsLong() - beganNanos) / 1_000_000;
    }

    private BudgetBreach check(ModelCall call, Spend stage) {
        if (call.costUsd() == null && (budget.maxCostUsd() != null || nodeBudget(call).maxCostUsd() != null)) {
            return new BudgetBreach(BudgetBreach.Kind.UNPRICED, "", "a cost budget is set but model '" + call.model()
                    + "' (" + call.provider() + ") has no known price; add it to NIGHTSHIFT_PRICES as "
                    + call.model() + "=INPUT/OUTPUT (USD per million tokens), or drop the cost budget");
        }
        Budget own = nodeBudget(call);
        if (own.maxTokens() != null && stage.tokens() >= own.maxTokens()) {
            return new BudgetBreach(BudgetBreach.Kind.TOKENS, call.nodeId(), "node '" + call.nodeId()
                    + "' reached its token budget: " + stage.tokens() + " of max_tokens=" + own.maxTokens());
        }
        if (own.maxCostUsd() != null && stage.costUsd() >= own.maxCostUsd()) {
            return new BudgetBreach(BudgetBreach.Kind.COST, call.nodeId(), "node '" + call.nodeId()
                    + "' reached its cost budget: " + usd(stage.costUsd()) + " of max_cost_usd=" + own.maxCostUsd());
        }
        if (budget.maxTokens() != null && total.tokens() >= budget.maxTokens()) {
            return new BudgetBreach(BudgetBreach.Kind.TOKENS, "", "run reached its token budget: " + total.tokens()
                    + " of max_tokens=" + budget.maxTokens());
        }
        if (budget.maxCostUsd() != null && total.costUsd() >= budget.maxCostUsd()) {
            return new BudgetBreach(BudgetBreach.Kind.COST, "", "run reached its cost budget: "
                    + usd(total.costUsd()) + " of max_cost_usd=" + budget.maxCostUsd());
        }
        if (budget.maxTime() != null && elapsedMs() >= budget.maxTime().toMillis()) {
            return new BudgetBreach(BudgetBreach.Kind.TIME, "", "run reached its time budget of " + io.nightshift.pipeline.graph.Durations.human(budget.maxTime())
                    + " (max_time)");
        }
        return null;
    }

    private Budget nodeBudget(ModelCall call) {
        return nodeBudgets.getOrDefault(call.nodeId(), Budget.NONE);
    }

    private static String usd(double v) {
        return String.format(java.util.Locale.ROOT, "$%.4f", v);
    }
}
