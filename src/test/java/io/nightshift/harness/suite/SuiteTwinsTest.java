package io.nightshift.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.StepAction;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.SuiteTwin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** suite.yaml's twins: declared, read from twins/, their steps understood and checked against the declaration. */
class SuiteTwinsTest {

    private static final String YAML = "name: shop\ntwins:\n  - name: payment-api\n    from: twins/payments.json\n";
    private static final String CASSETTE = "{\"exchanges\": [{\"request\": {\"method\": \"GET\", \"path\": \"/v1/x\"},"
            + " \"response\": {\"status\": 200, \"body\": \"ok\"}}]}";
    private static final String FEATURE = """
            Feature: f
              Scenario: s
                Given the "payment-api" twin
                And the "payment-api" twin fails the next request with 503
                When I run "./app"
                Then the "payment-api" twin received a POST to "/v1/charges"
                And the "payment-api" twin received no DELETE request to "/v1/charges/1?force=true"
            """;

    @TempDir
    Path dir;

    @Test
    void aSuiteFolderWithATwinLoadsItsCassetteAndItsSteps() throws Exception {
        Files.createDirectories(dir.resolve("twins"));
        Files.writeString(dir.resolve("suite.yaml"), YAML);
        Files.writeString(dir.resolve("twins/payments.json"), CASSETTE);
        Files.writeString(dir.resolve("a.feature"), FEATURE);

        Suite suite = new SuiteLoader().loadDirectory(dir);

        assertThat(suite.twins()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("payment-api");
            assertThat(t.cassette()).isEqualTo(CASSETTE);
            assertThat(t.baseUrlVariable()).isEqualTo("PAYMENT_API_BASE_URL");
        });
        assertThat(suite.scenarios().get(0).steps()).extracting(s -> s.action()).containsExactly(
                new StepAction.ResetTwin("payment-api"), new StepAction.FailTwinNext("payment-api", 503),
                new StepAction.RunCommand("./app", null, StepCatalogue.DEFAULT_RUN_TIMEOUT, null),
                new StepAction.ExpectTwinRequest("payment-api", "POST", "/v1/charges", true),
                new StepAction.ExpectTwinRequest("payment-api", "DELETE", "/v1/charges/1?force=true", false));
    }

    @Test
    void aMissingCassetteAnUndeclaredTwinAndABadNameAreProblemsSayingWhatToDo() {
        List<String> problems = problems(Map.of("suite.yaml", YAML,
                "a.feature", FEATURE.replace("When I run", "And the \"ledger\" twin\n    When I run")));

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("payment-api", "twins/payments.json",
                "not in the suite", "nightshift twin record"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("a.feature:5:")
                .contains("the twin 'ledger' is not declared", "suite.yaml declares payment-api"));
        assertThat(problems(Map.of("suite.yaml", YAML + "  - name: Bad_Name\n    from: twins/b.json\n",
                "a.feature", FEATURE))).anySatisfy(p -> assertThat(p).contains("twins[1]", "Bad_Name", "host name"));
    }

    @Test
    void aBrokenCassetteAndAStrayFileAreProblemsOfTheirFiles() {
        List<String> problems = problems(Map.of("suite.yaml", YAML, "twins/payments.json", "{\"exchanges\": {}}",
                "twins/old.json", CASSETTE, "a.feature", FEATURE));

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("twins/payments.json:")
                .contains("'exchanges' array"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("twins/old.json:").contains("not part of a suite"));
    }

    @Test
    void theTwinNameIsTheHostNameSoItMustBeADnsLabel() {
        assertThat(SuiteTwin.NAME.matcher("payments").matches()).isTrue();
        assertThat(SuiteTwin.NAME.matcher("9lives").matches()).isFalse();
        assertThat(SuiteTwin.NAME.matcher("a.b").matches()).isFalse();
    }

    private static List<String> problems(Map<String, String> files) {
        try {
            new SuiteLoader().load(new SuiteFiles(files));
        } catch (SuiteValidationException e) {
            return e.problems().stream().map(SuiteProblem::toLine).toList();
        }
        throw new AssertionError("expected the suite to be refused");
    }
}
