package io.nightshift.harness;

import java.util.List;

/** Every trial of one scenario, judge errors included (they are not counted). */
public record ScenarioResult(Scenario scenario, List<TrialResult> trials) {
    public ScenarioResult {
        trials = List.copyOf(trials);
    }

    public int satisfiedTrials() {
        return (int) trials.stream().filter(t -> t.counted() && t.satisfied()).count();
    }

    /** Trials that say something about the program: all but the judge errors. */
    public int countedTrials() {
        return (int) trials.stream().filter(TrialResult::counted).count();
    }

    public int judgeErrors() {
        return trials.size() - countedTrials();
    }

    /** Its counted trials disagree on the same commit: some satisfied, some not. */
    public boolean flaky() {
        int satisfied = satisfiedTrials();
        return satisfied > 0 && satisfied < countedTrials();
    }

    public double satisfaction() {
        int counted = countedTrials();
        return counted == 0 ? 0 : (double) satisfiedTrials() / counted;
    }
}
