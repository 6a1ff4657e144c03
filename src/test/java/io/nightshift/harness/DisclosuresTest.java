package io.nightshift.harness;

import static io.nightshift.harness.Scenarios.exitCode;
import static io.nightshift.harness.Scenarios.http;
import static io.nightshift.harness.Scenarios.json;
import static io.nightshift.harness.Scenarios.judgeAgrees;
import static io.nightshift.harness.Scenarios.run;
import static io.nightshift.harness.Scenarios.service;
import static io.nightshift.harness.Scenarios.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each disclosure level lets out of the harness, proven on the JSON of the disclosed judgment. */
class DisclosuresTest {

    static final Scenario CONVERTS = new Scenario("convert.feature:4", "Unit conversion", "Converts miles to km",
            "As a runner I want distances in kilometres", "convert.feature", 4, List.of(
                    run("./convert --miles 26.2 --format precise"),
                    exitCode(0),
                    stdout(StepAction.Match.EQUALS, "42.16 km exactly")));
    static final Scenario SERVES = new Scenario("api.feature:9", "Inventory API", "Lists stock over HTTP",
            "As a shop owner I want to see my stock", "api.feature", 9, List.of(
                    service("./serve --port 8431 --inventory fixtures/stock.csv", 8431),
                    http("GET", "/stock?warehouse=north-7", Map.of("X-Audit", "secret-audit-token"), null),
                    json(StepAction.Source.HTTP_BODY, "items[0].sku", "\"SKU-HIDDEN-991\""),
                    judgeAgrees("the listing is sorted by descending quantity")));
    static final Scenario PASSES = new Scenario("help.feature:2", "Help", "Prints usage on --help",
            "As a new user I want help", "help.feature", 2, List.of(run("./convert --help"), exitCode(0)));

    /** A judgment whose failing observations echo scenario text back, as a hostile program might. */
    static Judgment judgment(Disclosure level) {
        List<ScenarioResult> results = new ArrayList<>();
        results.add(new ScenarioResult(CONVERTS, List.of(
                new TrialResult(1, false, 2, StepKind.EXPECT_OUTPUT,
                        "exit code 0\nstdout:\n42.1 km\nstderr:\nwarning: ./convert --miles 26.2 --format precise is slow",
                        "stdout equals \"42.16 km exactly\"", "stdout differs from the expected text", 12),
                TrialResult.satisfied(2, 10))));
        results.add(new ScenarioResult(SERVES, List.of(
                new TrialResult(1, false, 2, StepKind.EXPECT_JSON,
                        "HTTP status 200\nresponse body:\n{\"items\":[], \"note\":\"no stock in north-7, wanted SKU-HIDDEN-991\"}",
                        "JSON field 'items[0].sku' of the response body equal to \"SKU-HIDDEN-991\"",
                        "'items' has 0 element(s), no [0]", 40),
                new TrialResult(2, false, 3, StepKind.LLM_JUDGE, "HTTP status 200", 
                        "a judge agrees that \"the listing is sorted by descending quantity\"",
                        "the judge disagreed: unsorted", 40))));
        results.add(new ScenarioResult(PASSES, List.of(TrialResult.satisfied(1, 5), TrialResult.satisfied(2, 5))));
        return new Judgment("shop", "v1", "0123456789abcdef", level, 1.0, results, Instant.parse("2026-11-24T06:00:00Z"), 99);
    }

    /** Every step text and expected value of the judgment's scenarios. */
    static Set<String> secrets() {
        Set<String> all = new java.util.LinkedHashSet<>();
        for (Scenario s : List.of(CONVERTS, SERVES, PASSES)) {
            for (Step step : s.steps()) {
                all.add(step.text());
            }
        }
        all.addAll(List.of("./convert --miles 26.2 --format precise", "42.16 km exactly", "SKU-HIDDEN-991",
                "/stock?warehouse=north-7", "secret-audit-token", "items[0].sku", "descending quantity",
                "./serve --port 8431", "./convert --help", "expected text"));
        return all;
    }

    @ParameterizedTest
    @EnumSource(value = Disclosure.class, names = {"VERDICT", "HINTS"})
    void noStepTextOrExpectedValueLeavesAtVerdictOrHints(Disclosure level) {
        String json = JudgmentJson.write(Disclosures.disclose(judgment(level)));
        for (String secret : secrets()) {
            assertThat(json).as("%s at %s", secret, level).doesNotContain(secret);
        }
    }

    @Test
    void verdictSharesCountsUnderNeutralLabelsOnly() {
        DisclosedJudgment d = Disclosures.disclose(judgment(Disclosure.VERDICT));
        assertThat(d.satisfiedTrials()).isEqualTo(3);
        assertThat(d.totalTrials()).isEqualTo(6);
        assertThat(d.satisfaction()).isEqualTo(0.5);
        assertThat(d.reached()).isFalse();
        assertThat(d.scenarios()).containsExactly(
                new DisclosedScenario("scenario 1", null, null, 1, 2, null, null, null, null, true, 0, false),
                new DisclosedScenario("scenario 2", null, null, 0, 2, null, null, null, null),
                new DisclosedScenario("scenario 3", null, null, 2, 2, null, null, null, null));
        String json = JudgmentJson.write(d);
        assertThat(json).doesNotContain("Converts miles", "runner", "Lists stock", "Help");
        assertThat(d.feedback()).contains("3 of 6", "scenario 2: 0 of 2 runs passed", "held out");
    }

    @Test
    void hintsShareTitleStoryFailedKindAndWhatTheProgramDidOfFailingScenarios() {
        DisclosedJudgment d = Disclosures.disclose(judgment(Disclosure.HINTS));
        DisclosedScenario converts = d.scenarios().get(0);
        assertThat(converts.title()).isEqualTo("Converts miles to km");
        assertThat(converts.story()).isEqualTo("As a runner I want distances in kilometres");
        assertThat(converts.failedKind()).isEqualTo(StepKind.EXPECT_OUTPUT);
        assertThat(converts.observed()).contains("42.1 km", "warning: [hidden] is slow");
        assertThat(converts.step()).isNull();
        assertThat(converts.expected()).isNull();
        assertThat(d.scenarios().get(1).observed()).contains("no stock in north-7, wanted [hidden]");
        assertThat(d.scenarios().get(2)).as("a passing scenario stays anonymous")
                .isEqualTo(new DisclosedScenario("scenario 3", null, null, 2, 2, null, null, null, null));
        assertThat(d.feedback()).contains("\"Converts miles to km\" (1 of 2 runs passed)",
                "User story: As a runner I want distances in kilometres", "It failed at: the text the program printed",
                "42.1 km").doesNotContain("Prints usage");
    }

    @Test
    void aProgramEchoingItsArgumentsOneByOneDoesNotRepeatThemAtHints() {
        Scenario shouts = new Scenario("shout.feature:3", "Shouting", "Shouts", "As a user", "shout.feature", 3,
                List.of(run("python3 app.py shout 'zebra-quartz' > out.txt; exit 4"), exitCode(0)));
        Judgment j = new Judgment("shop", "v1", "abc", Disclosure.HINTS, 1.0, List.of(new ScenarioResult(shouts,
                List.of(new TrialResult(1, false, 1, StepKind.EXPECT_EXIT_CODE,
                        "exit code 4\nstdout:\ngot: shout zebra-quartz\narg: zebra-quartz\nwrote out.txt", null,
                        "exit code 4", 5)))), Instant.EPOCH, 1);

        String observed = Disclosures.disclose(j).scenarios().get(0).observed();

        assertThat(observed).doesNotContain("zebra-quartz", "shout ", "out.txt", "app.py")
                .contains("exit code 4", "got: [hidden] [hidden]", "arg: [hidden]");
    }

    @Test
    void aProgramRepeatingItsInputWordByWordOrInAnotherCaseDoesNotRepeatItAtHints() {
        Scenario counts = new Scenario("count.feature:3", "Counting", "Counts words", "As a user", "count.feature", 3,
                List.of(run("./count --top 2", "the zebra and the quartz\nzebra again", java.time.Duration.ofSeconds(20), null), exitCode(0)));
        Judgment j = new Judgment("shop", "v1", "abc", Disclosure.HINTS, 1.0, List.of(new ScenarioResult(counts,
                List.of(new TrialResult(1, false, 1, StepKind.EXPECT_EXIT_CODE,
                        "exit code 1\nstdout:\n2 zebra\n1 QUARTZ\n1 again\n2 the\nusage: ./count --TOP N", null,
                        "exit code 1", 5)))), Instant.EPOCH, 1);

        String observed = Disclosures.disclose(j).scenarios().get(0).observed();

        assertThat(observed).doesNotContainIgnoringCase("zebra").doesNotContainIgnoringCase("quartz")
                .doesNotContain("again", "--TOP")
                .contains("exit code 1", "2 [hidden]\n1 [hidden]\n1 [hidden]\n2 the", "usage: ./count [hidden] N");
    }

    @Test
    void fullSharesTheFailingStepAndItsExpectedValue() {
        DisclosedJudgment d = Disclosures.disclose(judgment(Disclosure.FULL));
        DisclosedScenario converts = d.scenarios().get(0);
        assertThat(converts.step()).isEqualTo("Then stdout EQUALS \"42.16 km exactly\"");
        assertThat(converts.expected()).isEqualTo("stdout equals \"42.16 km exactly\"");
        assertThat(converts.observed()).contains("./convert --miles 26.2");
        assertThat(d.scenarios().get(2).title()).isEqualTo("Prints usage on --help");
        assertThat(d.feedback()).contains("Expected: stdout equals \"42.16 km exactly\"");
    }

    @Test
    void aSatisfiedJudgmentSaysThereIsNothingToFix() {
        Judgment j = new Judgment("shop", "v1", "abc", Disclosure.HINTS, 1.0,
                List.of(new ScenarioResult(PASSES, List.of(TrialResult.satisfied(1, 1)))), Instant.EPOCH, 1);
        DisclosedJudgment d = Disclosures.disclose(j);
        assertThat(d.reached()).isTrue();
        assertThat(d.feedback()).contains("1 of 1", "Every scenario passed");
    }
}
