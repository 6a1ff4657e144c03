package io.nightshift.runtime.harness;

import io.nightshift.harness.Gate;
import io.nightshift.harness.GateRule;
import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.Middleware;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One judgment asked of a {@link HarnessGateway}.
 *
 * @param runId        the run (for container labels and the store's record)
 * @param nodeId       the stage that asked
 * @param suite        the suite's name in the store ({@code harness.suite})
 * @param repository   the workspace's git working directory; {@code commit} is an object of its repository
 *                     (possibly a commit no ref points to: a snapshot of the working tree)
 * @param commit       the full id of the commit to judge; judge exactly this, never the live working tree
 * @param trials       {@code harness.trials}; null for the suite's own
 * @param threshold    {@code harness.threshold}; null for the suite's own. Echo the effective threshold in
 *                     {@link io.nightshift.harness.DisclosedJudgment#threshold()}
 * @param sandboxImage the run's sandbox image, for the judge containers; null when the run's tools work on this
 *                     machine ({@code --sandbox local} with {@code --allow-local-holdout}): judge here too
 * @param cancellation cancelled together with the interrupt of the calling thread
 * @param metering     wraps the judge's model calls ({@code a judge agrees} steps) to count them into the run's
 *                     spend and budgets; null counts nothing
 * @param gate         {@code harness.gate}; null for the suite's
 * @param confidence   {@code harness.confidence}; null for the suite's
 * @param maxTrials    {@code harness.max_trials}; null for the suite's
 */
public record HarnessCall(String runId, String nodeId, String suite, Path repository, String commit, Integer trials,
                          Double threshold, String sandboxImage, CancellationToken cancellation,
                          Middleware metering, GateRule gate, Double confidence, Integer maxTrials) {

    /** The suite's gate with this call's overrides. */
    public Gate gateOver(Gate suites) {
        Gate g = gate == null ? suites : suites.withRule(gate);
        return confidence == null ? g : g.withConfidence(confidence);
    }

    public HarnessCall {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commit, "commit");
        cancellation = cancellation == null ? CancellationToken.NONE : cancellation;
    }

    /** With the judge's model calls counted nowhere. */
    public HarnessCall(String runId, String nodeId, String suite, Path repository, String commit, Integer trials,
            Double threshold, String sandboxImage, CancellationToken cancellation) {
        this(runId, nodeId, suite, repository, commit, trials, threshold, sandboxImage, cancellation, null, null,
                null, null);
    }
}
