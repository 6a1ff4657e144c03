package io.nightshift.runtime.scenario;

import java.time.Instant;
import java.util.List;

/**
 * One recorded judgment of a suite, reduced to what a satisfaction-over-time report shows: the counts, how sure the
 * gate's decision was ({@code certainty}, the Wilson interval against the threshold), the titles of the scenarios
 * whose trials disagreed ({@code flaky}) and the trials the judge could not complete.
 */
public record JudgmentRecord(Instant judgedAt, String version, String commit, int satisfiedTrials, int totalTrials,
                             double satisfaction, double threshold, boolean reached, String certainty,
                             List<String> flaky, int judgeErrors) {

    public JudgmentRecord {
        flaky = List.copyOf(flaky);
    }

    public JudgmentRecord(Instant judgedAt, String version, String commit, int satisfiedTrials, int totalTrials,
                          double satisfaction, double threshold, boolean reached) {
        this(judgedAt, version, commit, satisfiedTrials, totalTrials, satisfaction, threshold, reached, "", List.of(),
                0);
    }
}
