package io.nightshift.runtime.agent;

import io.nightshift.agent.session.UsageGate;
import io.nightshift.llm.BilledTokens;
import io.nightshift.llm.Usage;
import io.nightshift.pipeline.budget.BudgetBreach;
import io.nightshift.pipeline.budget.ModelCall;
import io.nightshift.pipeline.budget.SpendMeter;
import java.util.function.Supplier;

/**
 * Connects agent sessions to the run's {@link SpendMeter}: each model call's usage is normalized to billed tokens,
 * priced, recorded under the stage the session works for, and the session stops when a budget is reached.
 */
public final class SpendGate {

    /** Meters nothing and never stops a session. */
    public static final SpendGate NONE = new SpendGate(null, null);

    private final SpendMeter meter;
    private final Prices prices;

    public SpendGate(SpendMeter meter, Prices prices) {
        this.meter = meter;
        this.prices = prices;
    }

    /** The gate for a session working for the node {@code node} names at the time of each call. */
    public UsageGate forNode(Supplier<String> node) {
        if (meter == null) {
            return UsageGate.NONE;
        }
        return (provider, model, usage) -> meter.record(call(node.get(), provider, model, usage))
                .map(BudgetBreach::reason).orElse(null);
    }

    ModelCall call(String nodeId, String provider, String model, Usage usage) {
        BilledTokens billed = BilledTokens.of(provider, usage);
        Double cost = prices.of(model).map(p -> p.costOf(billed)).orElse(null);
        return new ModelCall(nodeId, provider, model, billed.input(), billed.cachedInput(), billed.output(),
                billed.reasoning(), billed.total(), cost);
    }
}
