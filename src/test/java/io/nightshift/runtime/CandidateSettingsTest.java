package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.event.Spend;
import io.nightshift.pipeline.PipelineException;
import io.nightshift.pipeline.graph.Attributes;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.state.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateSettingsTest {

    private static Node node(String... keyThenValue) {
        Node n = Node.of("implement", Attributes.EMPTY);
        for (int i = 0; i < keyThenValue.length; i += 2) {
            n = n.withAttr(keyThenValue[i], keyThenValue[i + 1]);
        }
        return n;
    }

    @Test
    void modelsAndProfilesAreHandedOutToTheCandidatesInTurn() {
        CandidateSettings s = CandidateSettings.of(node("candidates", "3", "candidate_models", "m1, m2",
                "candidate_profiles", "anthropic"));
        assertThat(s.several()).isTrue();
        assertThat(s.parallel()).isEqualTo(3);
        assertThat(s.earlyStop()).isEqualTo(CandidateSettings.EarlyStop.CONFIDENT);
        assertThat(List.of(1, 2, 3)).extracting(i -> s.variant(node(), i).attrs().get("llm_model").orElseThrow())
                .containsExactly("m1", "m2", "m1");
        assertThat(s.variant(node(), 2).attrs().get("llm_provider")).contains("anthropic");
        assertThat(CandidateSettings.of(node()).several()).as("no candidates attribute: one attempt").isFalse();
    }

    @Test
    void badValuesNameTheNodeTheAttributeAndWhatToWrite() {
        assertThatThrownBy(() -> CandidateSettings.of(node("candidates", "three")))
                .isInstanceOf(PipelineException.class)
                .hasMessage("node 'implement' has candidates='three'; set it to a whole number (see README, Candidates)");
        assertThatThrownBy(() -> CandidateSettings.of(node("candidates", "40")))
                .hasMessageContaining("a whole number from 1 to 16");
        assertThatThrownBy(() -> CandidateSettings.of(node("candidates", "2", "candidates.early_stop", "soon")))
                .hasMessageContaining("candidates.early_stop='soon'; set it to confident, satisfied or never");
    }

    private static CandidateAttempt judged(int index, double lower, double cost) {
        Outcome o = Outcome.success().withContextUpdates(Map.of("harness.satisfaction", 1.0,
                "harness.satisfaction_lower", lower, "harness.threshold", 1.0, "harness.satisfied", true));
        return CandidateAttempt.finished(index, "", "", CodergenResult.decided("ok", o))
                .closed(o, new Spend(100, 100, 0, 0, 0, cost, 1, 0), "c" + index, "r" + index);
    }

    @Test
    void highestLowerBoundWinsAndTiesGoToTheCheaper() {
        CandidateAttempt cheapTie = judged(3, 0.6, 0.01);
        List<CandidateAttempt> all = List.of(judged(1, 0.6, 0.05), judged(2, 0.3, 0.0), cheapTie,
                CandidateAttempt.without(4, "", "", "not_started", "budget exhausted before it started: x"));
        assertThat(CandidateRanking.best(all)).contains(cheapTie);
        assertThat(CandidateRanking.explain(cheapTie, all, 0)).isEqualTo("candidate 3 of 4 won with the highest "
                + "lower bound of satisfaction, 60.0%, the cheapest of 2 tied; the budget stopped candidate 4");
    }
}
