package io.nightshift.runtime.scenario;

import java.time.Instant;

/** One recorded judgment of a suite, reduced to what a satisfaction-over-time report shows. */
public record JudgmentRecord(Instant judgedAt, String version, String commit, int satisfiedTrials, int totalTrials,
                             double satisfaction, double threshold, boolean reached) {
}
