package io.nightshift.harness;

import java.util.Objects;

/**
 * How satisfaction decides: by the point estimate or by the lower bound of its Wilson interval at {@code confidence},
 * with the trials of a flaky scenario (its trials disagree on the same commit) counted at {@code flakyWeight}
 * (1: like any other, 0: not at all).
 */
public record Gate(GateRule rule, double confidence, double flakyWeight) {

    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Today's behaviour: the point estimate, every trial counted fully. */
    public static final Gate DEFAULT = new Gate(GateRule.POINT, DEFAULT_CONFIDENCE, 1.0);

    public Gate {
        Objects.requireNonNull(rule, "rule");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, was " + confidence);
        }
        if (!(flakyWeight >= 0 && flakyWeight <= 1)) {
            throw new IllegalArgumentException("flaky weight must be between 0 and 1, was " + flakyWeight);
        }
    }

    public Gate withRule(GateRule value) {
        return new Gate(value, confidence, flakyWeight);
    }

    public Gate withConfidence(double value) {
        return new Gate(rule, value, flakyWeight);
    }

    /**
     * Why this gate can never pass at {@code threshold}, or null: the Wilson lower bound of n satisfied trials out of
     * n is n/(n+z²), always below 1, so a lower-bound gate needs a threshold below 1.
     */
    public String impossibleAt(double threshold) {
        return rule == GateRule.LOWER_BOUND && threshold >= 1
                ? "a lower_bound gate can never reach a threshold of 1 (the lower bound of a proportion is below 1 "
                + "however many trials pass): set a threshold below 1, e.g. 0.9"
                : null;
    }
}
