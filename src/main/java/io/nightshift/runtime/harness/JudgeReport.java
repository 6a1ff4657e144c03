package io.nightshift.runtime.harness;

import java.util.List;

/**
 * A judgment as {@code nightshift judge} may show it: only what the suite's disclosure level lets out (the full record
 * stays in the scenario store).
 *
 * @param json      the disclosed judgment as JSON, for {@code --json}
 * @param warnings  what the operator should know about what was judged (uncommitted changes left out)
 */
public record JudgeReport(String suite, String version, String commit, String disclosure, int satisfiedTrials,
                          int totalTrials, double satisfaction, double threshold, boolean reached,
                          List<Scenario> scenarios, String feedback, long durationMs, String json,
                          List<String> warnings) {

    public JudgeReport {
        scenarios = List.copyOf(scenarios);
        warnings = List.copyOf(warnings);
    }

    /** One scenario: its neutral label, its title when the disclosure level shows titles (else null). */
    public record Scenario(String label, String title, int satisfiedTrials, int trials) {
    }
}
