package io.nightshift.harness;

import java.time.Instant;
import java.util.List;

/**
 * The full record of judging one snapshot against one suite: scenario text and expected values included, so it lives
 * only in the harness's memory and in the store. What may leave is {@link DisclosedJudgment}.
 */
public record Judgment(String suite, String version, String commit, Disclosure disclosure, double threshold,
                       List<ScenarioResult> scenarios, Instant startedAt, long durationMs, Gate gate) {
    public Judgment {
        scenarios = List.copyOf(scenarios);
        gate = gate == null ? Gate.DEFAULT : gate;
    }

    public Judgment(String suite, String version, String commit, Disclosure disclosure, double threshold,
                    List<ScenarioResult> scenarios, Instant startedAt, long durationMs) {
        this(suite, version, commit, disclosure, threshold, scenarios, startedAt, durationMs, Gate.DEFAULT);
    }

    public int satisfiedTrials() {
        return scenarios.stream().mapToInt(ScenarioResult::satisfiedTrials).sum();
    }

    /** Counted trials (judge errors are not). */
    public int totalTrials() {
        return scenarios.stream().mapToInt(ScenarioResult::countedTrials).sum();
    }

    public int judgeErrors() {
        return scenarios.stream().mapToInt(ScenarioResult::judgeErrors).sum();
    }

    /** Satisfied trials over all counted trials (0 for an empty suite, which never passes). */
    public double satisfaction() {
        int total = totalTrials();
        return total == 0 ? 0 : (double) satisfiedTrials() / total;
    }

    /**
     * Satisfaction as the gate sees it: flaky scenarios' trials weighted by {@link Gate#flakyWeight()}, with the
     * Wilson interval at the gate's confidence.
     */
    public SatisfactionEstimate estimate() {
        double satisfied = 0;
        double trials = 0;
        for (ScenarioResult s : scenarios) {
            double w = s.flaky() ? gate.flakyWeight() : 1.0;
            satisfied += w * s.satisfiedTrials();
            trials += w * s.countedTrials();
        }
        return SatisfactionEstimate.of(satisfied, trials, threshold, gate);
    }

    /** A scenario none of whose trials could be judged (all judge errors). */
    public boolean unjudgedScenario() {
        return scenarios.stream().anyMatch(s -> !s.trials().isEmpty() && s.countedTrials() == 0);
    }

    /**
     * Whether the gate passes. Never while a scenario has no counted trial: judge errors are not the program's
     * failures, but a program must not pass by making its judge fail either.
     */
    public boolean reached() {
        return totalTrials() > 0 && !unjudgedScenario() && estimate().reached();
    }
}
