package io.nightshift.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The Wilson score interval against published values (e.g. Newcombe 1998, Table I; z = 1.95996 for 95%). */
class WilsonIntervalTest {

    @Test
    void matchesKnownValues() {
        assertInterval(WilsonInterval.of(8, 10, 0.95), 0.4902, 0.9433);
        assertInterval(WilsonInterval.of(5, 10, 0.95), 0.2366, 0.7634);
        assertInterval(WilsonInterval.of(81, 263, 0.95), 0.2553, 0.3662);
        assertInterval(WilsonInterval.of(15, 148, 0.95), 0.0624, 0.1605);
    }

    @Test
    void allOrNothingIsNotZeroWidth() {
        assertInterval(WilsonInterval.of(0, 10, 0.95), 0.0, 0.2775);
        assertInterval(WilsonInterval.of(10, 10, 0.95), 0.7225, 1.0);
        assertInterval(WilsonInterval.of(0, 20, 0.95), 0.0, 0.1611);
    }

    @Test
    void higherConfidenceWidensTheInterval() {
        WilsonInterval ninety = WilsonInterval.of(8, 10, 0.90);
        WilsonInterval ninetyNine = WilsonInterval.of(8, 10, 0.99);
        assertInterval(ninety, 0.5408, 0.9314);
        assertThat(ninetyNine.lower()).isLessThan(0.4902);
        assertThat(ninetyNine.upper()).isGreaterThan(0.9433);
    }

    @Test
    void zValuesAreTheNormalQuantiles() {
        assertThat(NormalQuantile.twoSided(0.95)).isCloseTo(1.959964, within(1e-6));
        assertThat(NormalQuantile.twoSided(0.99)).isCloseTo(2.575829, within(1e-6));
        assertThat(NormalQuantile.twoSided(0.90)).isCloseTo(1.644854, within(1e-6));
        assertThat(NormalQuantile.quantile(0.001)).isCloseTo(-3.090232, within(1e-6));
    }

    @Test
    void noTrialsMeansNothingIsKnownAndBadInputIsRefused() {
        assertInterval(WilsonInterval.of(0, 0, 0.95), 0.0, 1.0);
        assertThatThrownBy(() -> WilsonInterval.of(3, 2, 0.95)).hasMessageContaining("successes <= trials");
        assertThatThrownBy(() -> WilsonInterval.of(1, 2, 1.0)).hasMessageContaining("strictly between 0 and 1");
    }

    @Test
    void fractionalCountsFromDownWeightedScenariosWork() {
        WilsonInterval half = WilsonInterval.of(4, 8, 0.95);
        WilsonInterval weighted = WilsonInterval.of(2, 4, 0.95);
        assertThat(weighted.proportion()).isEqualTo(half.proportion());
        assertThat(weighted.upper() - weighted.lower()).isGreaterThan(half.upper() - half.lower());
        assertThat(WilsonInterval.of(2.5, 5, 0.95).proportion()).isEqualTo(0.5);
    }

    private static void assertInterval(WilsonInterval i, double lower, double upper) {
        assertThat(i.lower()).as("lower").isCloseTo(lower, within(5e-5));
        assertThat(i.upper()).as("upper").isCloseTo(upper, within(5e-5));
    }
}
