package io.nightshift.harness;

import java.util.List;
import java.util.Objects;

/**
 * What {@code suite.yaml} says: the suite's name, how often each scenario runs, what may be disclosed, the
 * satisfaction a harness needs by default, the model that plays {@code Then a judge agrees that ...} (null: the
 * run's default model), the {@link Gate}, the most trials per scenario adaptive judging may add up to
 * ({@code maxTrials}, at least {@code trials}; equal: no adaptive trials) and the most judgments whose feedback
 * may disclose a scenario to agents before it is withheld ({@code maxExposure}; null: no limit) and the twins its
 * scenarios talk to ({@code twins}, as declared: their cassettes are not read yet).
 */
public record SuiteSettings(String name, int trials, Disclosure disclosure, double threshold, String judgeModel,
                            Gate gate, int maxTrials, Integer maxExposure, List<SuiteTwin> twins) {

    public static final int DEFAULT_TRIALS = 1;
    public static final double DEFAULT_THRESHOLD = 1.0;

    public SuiteSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(disclosure, "disclosure");
        gate = gate == null ? Gate.DEFAULT : gate;
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, was " + trials);
        }
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
        maxTrials = Math.max(maxTrials, trials);
        twins = twins == null ? List.of() : List.copyOf(twins);
        if (maxExposure != null && maxExposure < 0) {
            throw new IllegalArgumentException("max_exposure must be 0 or more, was " + maxExposure);
        }
    }

    public SuiteSettings(String name, int trials, Disclosure disclosure, double threshold, String judgeModel,
                         Gate gate, int maxTrials, Integer maxExposure) {
        this(name, trials, disclosure, threshold, judgeModel, gate, maxTrials, maxExposure, List.of());
    }

    public SuiteSettings(String name, int trials, Disclosure disclosure, double threshold, String judgeModel) {
        this(name, trials, disclosure, threshold, judgeModel, Gate.DEFAULT, trials, null);
    }
}
