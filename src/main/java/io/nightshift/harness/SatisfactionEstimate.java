package io.nightshift.harness;

import java.util.Locale;

/**
 * Satisfaction as a statistic: the (weighted) satisfied and counted trials, their Wilson interval, and the
 * gate's decision against the threshold. The decision is <em>settled</em> when the interval lies wholly on one
 * side of the threshold, so more trials would very probably not change it; while it straddles the threshold,
 * adaptive judging adds trials.
 */
public record SatisfactionEstimate(GateRule rule, double threshold, WilsonInterval interval) {

    public static SatisfactionEstimate of(double satisfied, double trials, double threshold, Gate gate) {
        return new SatisfactionEstimate(gate.rule(), threshold,
                WilsonInterval.of(satisfied, trials, gate.confidence()));
    }

    public double satisfaction() {
        return interval.proportion();
    }

    /** Whether the gate passes: by the point estimate or by the lower bound; never without trials. */
    public boolean reached() {
        if (interval.trials() == 0) {
            return false;
        }
        return rule == GateRule.LOWER_BOUND ? interval.lower() >= threshold : satisfaction() >= threshold;
    }

    /** The interval lies wholly at or above the threshold, or wholly below it. */
    public boolean settled() {
        return interval.trials() > 0 && (interval.lower() >= threshold || interval.upper() < threshold);
    }

    /** The same counts against another threshold. */
    public SatisfactionEstimate withThreshold(double value) {
        return new SatisfactionEstimate(rule, value, interval);
    }

    /**
     * How sure the decision is, in one sentence, e.g. {@code 95% Wilson interval [48.1%, 100.0%] straddles the
     * threshold 90.0%: undecided}.
     */
    public String describe() {
        String range = String.format(Locale.ROOT, "%s Wilson interval [%s, %s]", percent(interval.confidence()),
                percent(interval.lower()), percent(interval.upper()));
        if (interval.trials() == 0) {
            return range + ": no trials counted, nothing decided";
        }
        String against = " the threshold " + percent(threshold);
        String gate = rule == GateRule.LOWER_BOUND ? "gate on the lower bound" : "gate on the observed share";
        if (interval.lower() >= threshold) {
            return range + " is at or above" + against + ": above it with confidence (" + gate + ")";
        }
        if (interval.upper() < threshold) {
            return range + " is below" + against + ": below it with confidence (" + gate + ")";
        }
        return range + " straddles" + against + ": not decided with confidence (" + gate + ")";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
