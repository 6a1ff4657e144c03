package io.nightshift.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.handler.RunSoFar;
import io.nightshift.pipeline.state.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** attractor-spec 5.4: what each fidelity mode carries into a fresh session, within its budget. */
class FidelityPreambleTest {

    private static Context context() {
        Context ctx = new Context(Map.of("graph.goal", "Ship the feature", "internal.stage_dir", "/x",
                "review.verdict", "needs work", "last_response", "r".repeat(5_000)));
        ctx.appendLog("test: fail: 3 tests failed");
        return ctx;
    }

    private static RunSoFar run(int stages) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (int i = 1; i <= stages; i++) {
            outcomes.put("stage" + i, i % 3 == 0 ? "fail" : "success");
        }
        return RunSoFar.of("run-42", outcomes);
    }

    @Test
    void truncateCarriesOnlyTheGoalAndRunId() {
        assertThat(FidelityPreamble.build("truncate", context(), run(3)))
                .isEqualTo("# Pipeline context\nGoal: Ship the feature\nRun: run-42\n");
    }

    @Test
    void compactListsEveryStageNotableEventsAndShortenedValues() {
        String text = FidelityPreamble.build("compact", context(), run(3));
        assertThat(text).contains("- stage1: success\n- stage2: success\n- stage3: fail\n",
                "Notable events:\n- test: fail: 3 tests failed", "- review.verdict: needs work",
                "- last_response: " + "r".repeat(200) + " ...").doesNotContain("internal.", "graph.goal:");
    }

    @Test
    void summariesGrowWithTheirLevelAndStayWithinBudget() {
        String low = FidelityPreamble.build("summary:low", context(), run(60));
        String medium = FidelityPreamble.build("summary:medium", context(), run(60));
        String high = FidelityPreamble.build("summary:high", context(), run(60));
        assertThat(low).contains("60 stage(s) completed so far; the last was stage60: fail.").doesNotContain("review.verdict");
        assertThat(medium).contains("- ... 50 earlier stage(s)", "- stage51: fail\n- stage52: success", "review.verdict");
        assertThat(high).contains("- ... 20 earlier stage(s)", "r".repeat(2_000));
        assertThat(low.length()).isLessThan(medium.length()).isLessThanOrEqualTo(FidelityPreamble.LOW_CHARS);
        assertThat(medium.length()).isLessThan(high.length()).isLessThanOrEqualTo(FidelityPreamble.MEDIUM_CHARS + 40);
        assertThat(high.length()).isLessThanOrEqualTo(FidelityPreamble.HIGH_CHARS + 40);
    }

    private static Context judged() {
        Context ctx = context();
        ctx.set("harness.suite", "greet");
        ctx.set("harness.satisfaction", 0.5);
        ctx.set("harness.satisfied", false);
        ctx.set("harness.feedback", "Scenario 'Greets the user' failed at expect_output: the program printed 'helo'."
                + " " + "x".repeat(3_000));
        return ctx;
    }

    @Test
    void theLastHoldoutJudgmentFollowsInEveryModeWithItsWholeFeedback() {
        for (String mode : new String[] {"truncate", "compact", "summary:low", "summary:medium", "summary:high"}) {
            String text = FidelityPreamble.build(mode, judged(), run(60));
            assertThat(text).as(mode).contains("# Holdout scenarios\n",
                    "(suite greet)", "Satisfaction: 50.0% (not enough yet",
                    "Feedback:\nScenario 'Greets the user' failed at expect_output: the program printed 'helo'. "
                            + "x".repeat(3_000))
                    .doesNotContain("- harness.feedback:");
        }
        assertThat(FidelityPreamble.build("truncate", context(), run(3))).doesNotContain("Holdout");
    }

    @Test
    void fullFeedbackIsBoundedAndASatisfiedJudgmentSaysSo() {
        Context ctx = judged();
        ctx.set("harness.feedback", "y".repeat(20_000));
        ctx.set("harness.satisfied", true);
        String section = HarnessFeedback.section(ctx).orElseThrow();
        assertThat(section).contains("Satisfaction: 50.0% (enough).", "[... feedback shortened]");
        assertThat(section.length()).isLessThan(HarnessFeedback.MAX_CHARS + 500);
    }
}
