package io.nightshift.runtime.service;

import io.nightshift.pipeline.budget.ModelCall;
import io.nightshift.event.Spend;
import io.nightshift.event.SpendReport;
import io.nightshift.event.PipelineEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service run's spend as its events tell it while it runs ({@code model_call_completed}), replaced by the
 * engine's own account when the run ends (which also holds what earlier attempts of a resumed run spent).
 * Guarded by the owning {@link ManagedRun}'s lock.
 */
final class RunSpend {

    private Spend total = Spend.ZERO;
    private final Map<String, Spend> byStage = new LinkedHashMap<>();
    private final Map<String, Spend> byProvider = new LinkedHashMap<>();
    private long elapsedMs;

    void add(PipelineEvent.ModelCallCompleted e) {
        ModelCall call = new ModelCall(e.nodeId(), e.provider(), e.model(), e.inputTokens(), e.cachedInputTokens(),
                e.outputTokens(), e.reasoningTokens(), e.tokens(), e.costUsd());
        total = call.addTo(total);
        byStage.merge(e.nodeId(), call.addTo(Spend.ZERO), (a, b) -> call.addTo(a));
        byProvider.merge(e.provider(), call.addTo(Spend.ZERO), (a, b) -> call.addTo(a));
    }

    void replace(SpendReport report) {
        if (report == null || report.total().calls() < total.calls()) {
            return;
        }
        total = report.total();
        byStage.clear();
        byStage.putAll(report.byStage());
        byProvider.clear();
        byProvider.putAll(report.byProvider());
        elapsedMs = report.elapsedMs();
    }

    SpendReport report() {
        return new SpendReport(total, byStage, byProvider, elapsedMs);
    }
}
