package io.nightshift.harness;

/**
 * Adaptive trials: every scenario first runs {@code initial} trials; while the gate's decision is not settled (the
 * Wilson interval straddles the threshold) more are added, half as many again as done so far (at least one), until
 * it is settled or each scenario has had {@code max}.
 */
public record TrialPlan(int initial, int max) {

    public TrialPlan {
        if (initial < 1) {
            throw new IllegalArgumentException("initial trials must be at least 1, was " + initial);
        }
        max = Math.max(max, initial);
    }

    public boolean adaptive() {
        return max > initial;
    }

    /** How many trials to add to each scenario after {@code done} each gave {@code estimate}; 0: stop. */
    public int more(int done, SatisfactionEstimate estimate) {
        if (done >= max || estimate.settled()) {
            return 0;
        }
        return Math.min(max - done, Math.max(1, done / 2));
    }
}
