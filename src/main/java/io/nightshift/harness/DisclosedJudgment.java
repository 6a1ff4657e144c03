package io.nightshift.harness;

import java.util.List;

/**
 * What of a {@link Judgment} may leave the harness: into events, the run directory, the agents' context and reports.
 * {@code feedback} is the text handed to the agents.
 */
public record DisclosedJudgment(String suite, String version, String commit, Disclosure disclosure,
                                int satisfiedTrials, int totalTrials, double satisfaction, double threshold,
                                boolean reached, List<DisclosedScenario> scenarios, String feedback, long durationMs) {
    public DisclosedJudgment {
        scenarios = List.copyOf(scenarios);
    }
}
