package io.nightshift.harness;

import java.util.Objects;

/**
 * What {@code suite.yaml} says: the suite's name, how often each scenario runs, what may be disclosed, the
 * satisfaction a harness needs by default, and the model that plays {@code Then a judge agrees that ...} (null: the
 * run's default model).
 */
public record SuiteSettings(String name, int trials, Disclosure disclosure, double threshold, String judgeModel) {

    public static final int DEFAULT_TRIALS = 1;
    public static final double DEFAULT_THRESHOLD = 1.0;

    public SuiteSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(disclosure, "disclosure");
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, was " + trials);
        }
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
    }
}
