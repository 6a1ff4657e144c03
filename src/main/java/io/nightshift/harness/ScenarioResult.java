package io.nightshift.harness;

import java.util.List;

/** Every trial of one scenario. */
public record ScenarioResult(Scenario scenario, List<TrialResult> trials) {
    public ScenarioResult {
        trials = List.copyOf(trials);
    }

    public int satisfiedTrials() {
        return (int) trials.stream().filter(TrialResult::satisfied).count();
    }

    public double satisfaction() {
        return trials.isEmpty() ? 0 : (double) satisfiedTrials() / trials.size();
    }
}
