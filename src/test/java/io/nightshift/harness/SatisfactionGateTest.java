package io.nightshift.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gate's decision and adaptive trials' stopping rule, as pure arithmetic. */
class SatisfactionGateTest {

    private static final Gate LOWER = new Gate(GateRule.LOWER_BOUND, 0.95, 1.0);

    @Test
    void theLowerBoundGateRefusesWhatThePointEstimateWouldPass() {
        SatisfactionEstimate point = SatisfactionEstimate.of(6, 8, 0.6, Gate.DEFAULT);
        SatisfactionEstimate lower = SatisfactionEstimate.of(6, 8, 0.6, LOWER);
        assertThat(point.reached()).isTrue();
        assertThat(lower.reached()).isFalse();
        assertThat(lower.settled()).isFalse();
        assertThat(lower.describe()).contains("95.0% Wilson interval [40.9%, 92.9%]").contains("straddles")
                .contains("threshold 60.0%").contains("lower bound");
    }

    @Test
    void aClearPassAndAClearFailAreSettled() {
        SatisfactionEstimate pass = SatisfactionEstimate.of(20, 20, 0.8, LOWER);
        SatisfactionEstimate fail = SatisfactionEstimate.of(0, 10, 0.5, LOWER);
        assertThat(pass.reached()).isTrue();
        assertThat(pass.settled()).isTrue();
        assertThat(pass.describe()).contains("above it with confidence");
        assertThat(fail.reached()).isFalse();
        assertThat(fail.settled()).isTrue();
        assertThat(fail.describe()).contains("below it with confidence");
    }

    @Test
    void aLowerBoundGateCannotReachAThresholdOfOne() {
        assertThat(LOWER.impossibleAt(1.0)).contains("set a threshold below 1");
        assertThat(LOWER.impossibleAt(0.99)).isNull();
        assertThat(Gate.DEFAULT.impossibleAt(1.0)).isNull();
        assertThat(SatisfactionEstimate.of(100, 100, 1.0, LOWER).reached()).isFalse();
    }

    @Test
    void adaptiveTrialsStopWhenSettledOrAtTheBudgetAndGrowWhileUndecided() {
        TrialPlan plan = new TrialPlan(4, 20);
        assertThat(plan.adaptive()).isTrue();
        assertThat(plan.more(4, SatisfactionEstimate.of(20, 20, 0.8, LOWER))).isZero();
        assertThat(plan.more(4, SatisfactionEstimate.of(0, 20, 0.5, LOWER))).isZero();
        assertThat(plan.more(4, SatisfactionEstimate.of(15, 20, 0.6, LOWER))).isEqualTo(2);
        assertThat(plan.more(18, SatisfactionEstimate.of(15, 20, 0.6, LOWER))).isEqualTo(2);
        assertThat(plan.more(20, SatisfactionEstimate.of(15, 20, 0.6, LOWER))).isZero();
        assertThat(new TrialPlan(3, 1).adaptive()).isFalse();
    }
}
