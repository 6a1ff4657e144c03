package io.nightshift.runtime.agent;

import io.nightshift.agent.session.UsageGate;
import io.nightshift.llm.BilledTokens;
import io.nightshift.llm.EventStream;
import io.nightshift.llm.Middleware;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.Usage;
import io.nightshift.pipeline.budget.BudgetBreach;
import io.nightshift.pipeline.budget.ModelCall;
import io.nightshift.pipeline.budget.SpendMeter;
import io.nightshift.event.Spend;
import io.nightshift.pipeline.handler.StageCall;
import io.nightshift.pipeline.handler.WorkspaceHooks;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    /** What each workspace scope (a parallel branch, a candidate) spent, so candidates can be compared by cost. */
    private final Map<String, Spend> byScope = new ConcurrentHashMap<>();

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

    /**
     * The gate for a session working for the stage {@code stage} gives at the time of each call: recorded under the
     * stage's node (so a node's budget covers all its candidates) and tallied by the stage's workspace scope.
     */
    public UsageGate forStage(Supplier<StageCall> stage) {
        if (meter == null) {
            return UsageGate.NONE;
        }
        return (provider, model, usage) -> {
            StageCall current = stage.get();
            ModelCall call = call(current.node().id(), provider, model, usage);
            String scope = current.context().getString(WorkspaceHooks.SCOPE_KEY, "");
            if (!scope.isEmpty()) {
                byScope.merge(scope, call.addTo(Spend.ZERO), (before, ignored) -> call.addTo(before));
            }
            return meter.record(call).map(BudgetBreach::reason).orElse(null);
        };
    }

    /** What the sessions of the workspace scope {@code scope} spent so far ({@link Spend#ZERO} when nothing). */
    public Spend spentIn(String scope) {
        return byScope.getOrDefault(scope, Spend.ZERO);
    }

    /** Why the run's budgets stop further model calls, if one was reached. */
    public Optional<String> breach() {
        return meter == null ? Optional.empty() : meter.breach().map(BudgetBreach::reason);
    }

    /**
     * A client middleware that records every model call a judge makes for the stage {@code nodeId} (an {@code a judge
     * agrees} step), so judge calls count into the run's spend and budgets like agent calls. A judgment in progress
     * is not interrupted by a breach; the engine ends the run after the stage.
     */
    public Middleware forJudge(String nodeId) {
        if (meter == null) {
            return new Middleware() { };
        }
        return new Middleware() {
            @Override
            public Response complete(Request request, Next next) {
                Response response = next.complete(request);
                record(nodeId, request, response.provider(), response.model(), response.usage());
                return response;
            }

            @Override
            public EventStream stream(Request request, Next next) {
                return next.stream(request).peek(event -> {
                    if (event instanceof StreamEvent.Finish finish) {
                        Response r = finish.response();
                        record(nodeId, request, r == null ? null : r.provider(), r == null ? null : r.model(),
                                finish.usage() != null ? finish.usage() : r == null ? null : r.usage());
                    }
                });
            }
        };
    }

    private void record(String nodeId, Request request, String provider, String model, Usage usage) {
        if (usage == null) {
            return;
        }
        String p = provider != null && !provider.isBlank() ? provider : request.provider();
        String m = model != null && !model.isBlank() ? model : request.model();
        meter.record(call(nodeId, p == null ? "unknown" : p, m, usage));
    }

    ModelCall call(String nodeId, String provider, String model, Usage usage) {
        BilledTokens billed = BilledTokens.of(provider, usage);
        Double cost = prices.of(model).map(p -> p.costOf(billed)).orElse(null);
        return new ModelCall(nodeId, provider, model, billed.input(), billed.cachedInput(), billed.output(),
                billed.reasoning(), billed.total(), cost);
    }
}
