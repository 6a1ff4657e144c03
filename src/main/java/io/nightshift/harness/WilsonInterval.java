package io.nightshift.harness;

/**
 * The Wilson score interval of a success proportion: the confidence interval Nightshift states for satisfaction.
 * Unlike the plain {@code p ± z·sqrt(p(1-p)/n)} it stays inside [0, 1] and is not zero-width at 0 or n successes,
 * which matters for the small trial counts a judge can afford. Counts may be fractional (a down-weighted flaky
 * scenario contributes part of its trials).
 *
 * @param successes  satisfied trials (weighted)
 * @param trials     all counted trials (weighted)
 * @param confidence the two-sided confidence level, e.g. 0.95
 * @param lower      the interval's lower bound
 * @param upper      the interval's upper bound
 */
public record WilsonInterval(double successes, double trials, double confidence, double lower, double upper) {

    /** The interval for {@code successes} of {@code trials} at {@code confidence}; [0, 1] when there are no trials. */
    public static WilsonInterval of(double successes, double trials, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, was " + confidence);
        }
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, was " + successes + " of " + trials);
        }
        if (trials == 0) {
            return new WilsonInterval(0, 0, confidence, 0, 1);
        }
        double z = NormalQuantile.twoSided(confidence);
        double p = successes / trials;
        double z2n = z * z / trials;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / trials + z2n / (4 * trials));
        return new WilsonInterval(successes, trials, confidence, clamp(centre - half), clamp(centre + half));
    }

    /** The point estimate, successes over trials (0 without trials). */
    public double proportion() {
        return trials == 0 ? 0 : successes / trials;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
