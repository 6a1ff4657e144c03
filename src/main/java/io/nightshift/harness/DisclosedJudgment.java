package io.nightshift.harness;

import java.util.List;

/**
 * What of a {@link Judgment} may leave the harness: into events, the run directory, the agents' context and reports.
 * {@code feedback} is the text handed to the agents. {@code estimate} is satisfaction as a statistic (its Wilson
 * interval and the gate's rule); null in judgments written before it existed.
 */
public record DisclosedJudgment(String suite, String version, String commit, Disclosure disclosure,
                                int satisfiedTrials, int totalTrials, double satisfaction, double threshold,
                                boolean reached, List<DisclosedScenario> scenarios, String feedback, long durationMs,
                                SatisfactionEstimate estimate, int judgeErrors) {
    public DisclosedJudgment {
        scenarios = List.copyOf(scenarios);
    }

    public DisclosedJudgment(String suite, String version, String commit, Disclosure disclosure,
                             int satisfiedTrials, int totalTrials, double satisfaction, double threshold,
                             boolean reached, List<DisclosedScenario> scenarios, String feedback, long durationMs) {
        this(suite, version, commit, disclosure, satisfiedTrials, totalTrials, satisfaction, threshold, reached,
                scenarios, feedback, durationMs, null, 0);
    }

    /** The labels of the scenarios whose trials disagreed. */
    public List<String> flakyScenarios() {
        return scenarios.stream().filter(DisclosedScenario::flaky).map(DisclosedScenario::label).toList();
    }
}
