package io.nightshift.pipeline.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.event.SpendReport;

/**
 * {@code final.json}: how a run ended, written once at its end in every run directory (the failure contract of
 * DESIGN.md). {@code status} is succeeded, failed, budget_exhausted, stalled or cancelled; {@code reason} why it
 * did not succeed (empty when it did); {@code failed_node} the stage that ended it (empty when none did);
 * {@code commit} the workspace commit the run ended on (empty without a workspace); {@code tokens} and
 * {@code cost_usd} the run's billed tokens and cost, {@code cost_complete} false when some model had no known
 * price (then {@code cost_usd} counts only the priced calls); {@code simulated} true when no real model was called.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FinalReport(String status, String reason, String failedNode, String commit, long tokens, double costUsd,
        boolean costComplete, boolean simulated, long durationMs, SpendReport spend) {

    public static final String FILE = "final.json";
}
