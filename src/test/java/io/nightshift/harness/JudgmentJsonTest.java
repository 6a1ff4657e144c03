package io.nightshift.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgmentJsonTest {

    @Test
    void aFullJudgmentRoundTripsWithEveryStepActionAndItsComputedFigures() throws Exception {
        Scenario all = Scenarios.scenario("every kind",
                Scenarios.step("run", new StepAction.RunCommand("./app", "in", Duration.ofSeconds(7), "sub")),
                Scenarios.step("start", new StepAction.StartService("./srv", 8080, Duration.ofMillis(1500), null)),
                Scenarios.step("send", new StepAction.SendHttp("POST", "/x", Map.of("A", "b"), "{}")),
                Scenarios.exitCode(2),
                Scenarios.stdout(StepAction.Match.MATCHES, "a+"),
                Scenarios.json(StepAction.Source.HTTP_BODY, "a[0]", "1"),
                Scenarios.status(201),
                Scenarios.file("f", true, StepAction.Match.EQUALS, "x"),
                Scenarios.judgeAgrees("it is fine"));
        Judgment j = DisclosuresTest.judgment(Disclosure.HINTS);
        j = new Judgment(j.suite(), j.version(), j.commit(), j.disclosure(), 0.5,
                List.of(j.scenarios().get(0), new ScenarioResult(all, List.of(TrialResult.satisfied(1, 3)))),
                j.startedAt(), j.durationMs());

        String json = JudgmentJson.write(j);

        assertThat(JudgmentJson.readJudgment(json)).isEqualTo(j);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("disclosure").asText()).isEqualTo("hints");
        assertThat(tree.get("satisfaction").asDouble()).isEqualTo(2.0 / 3);
        assertThat(tree.get("reached").asBoolean()).isTrue();
        assertThat(tree.at("/scenarios/0/trials/0/failedKind").asText()).isEqualTo("expect_output");
        assertThat(tree.at("/scenarios/1/scenario/steps/0/action/type").asText()).isEqualTo("run_command");
        assertThat(tree.at("/scenarios/1/scenario/steps/0/action/timeout").asText()).isEqualTo("PT7S");
        assertThat(tree.at("/startedAt").asText()).isEqualTo("2026-11-24T06:00:00Z");
    }

    @Test
    void aDisclosedJudgmentRoundTrips() {
        DisclosedJudgment d = Disclosures.disclose(DisclosuresTest.judgment(Disclosure.HINTS));
        assertThat(JudgmentJson.readDisclosed(JudgmentJson.write(d))).isEqualTo(d);
    }

    @Test
    void unreadableJsonIsRefusedSayingWhere() {
        assertThatThrownBy(() -> JudgmentJson.readDisclosed("{\"disclosure\": \"loud\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a DisclosedJudgment").hasMessageContaining("line 1");
    }
}
