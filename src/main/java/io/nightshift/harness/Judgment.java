package io.nightshift.harness;

import java.time.Instant;
import java.util.List;

/**
 * The full record of judging one snapshot against one suite: scenario text and expected values included, so it lives
 * only in the harness's memory and in the store. What may leave is {@link DisclosedJudgment}.
 */
public record Judgment(String suite, String version, String commit, Disclosure disclosure, double threshold,
                       List<ScenarioResult> scenarios, Instant startedAt, long durationMs) {
    public Judgment {
        scenarios = List.copyOf(scenarios);
    }

    public int satisfiedTrials() {
        return scenarios.stream().mapToInt(ScenarioResult::satisfiedTrials).sum();
    }

    public int totalTrials() {
        return scenarios.stream().mapToInt(s -> s.trials().size()).sum();
    }

    /** Satisfied trials over all trials (0 for an empty suite, which never passes). */
    public double satisfaction() {
        int total = totalTrials();
        return total == 0 ? 0 : (double) satisfiedTrials() / total;
    }

    public boolean reached() {
        return totalTrials() > 0 && satisfaction() >= threshold;
    }
}
