package io.nightshift.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.harness.Disclosure;
import io.nightshift.harness.Scenario;
import io.nightshift.harness.Step;
import io.nightshift.harness.StepAction;
import io.nightshift.harness.StepAction.Match;
import io.nightshift.harness.StepAction.Source;
import io.nightshift.harness.Suite;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.SuiteSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {

    private static final String YAML = "name: demo\n";
    private final SuiteLoader loader = new SuiteLoader();

    private Suite load(String feature) {
        return loader.load(new SuiteFiles(Map.of("suite.yaml", YAML, "a.feature", feature)));
    }

    /** The actions of a one-scenario feature whose scenario is {@code steps}. */
    private List<StepAction> actions(String steps) {
        Suite suite = load("Feature: f\n  Scenario: s\n" + steps.stripIndent().indent(4));
        return suite.scenarios().get(0).steps().stream().map(Step::action).toList();
    }

    private List<String> problems(Map<String, String> files) {
        try {
            loader.load(new SuiteFiles(files));
        } catch (SuiteValidationException e) {
            return e.problems().stream().map(SuiteProblem::toLine).toList();
        }
        throw new AssertionError("expected the suite to be refused");
    }

    private List<String> problems(String feature) {
        return problems(Map.of("suite.yaml", YAML, "a.feature", feature));
    }

    @Test
    void readsTheFixtureSuiteWithItsSettingsStoryAndExpandedScenarios() {
        Suite suite = loader.loadDirectory(Path.of("src/test/resources/suites/greeter"));

        assertThat(suite.settings()).isEqualTo(new SuiteSettings("greeter", 2, Disclosure.HINTS, 0.75, "twin-judge"));
        assertThat(suite.scenarios()).extracting(Scenario::title).containsExactly("Greets by name",
                "Greets everyone (example 1)", "Greets everyone (example 2)", "Serves a greeting");
        Scenario first = suite.scenarios().get(0);
        assertThat(first.feature()).isEqualTo("Greeting people");
        assertThat(first.story()).isEqualTo("As a user of the greeter\nI want to be greeted by name\n"
                + "So that the program feels friendly");
        assertThat(first.id()).isEqualTo("greet.feature:9");
        assertThat(first.line()).isEqualTo(9);
        assertThat(suite.version()).isEqualTo(SuiteDirectory.read(Path.of("src/test/resources/suites/greeter"))
                .contentHash());
    }

    @Test
    void foldsBackgroundStepsIntoEveryScenarioWithTheirOwnLines() {
        Suite suite = load("""
                Feature: f
                  Background:
                    Given I run "make"
                  Scenario: one
                    When I run "./app"
                    Then the exit code is 0
                  Scenario: two
                    Then the exit code is 2
                """);

        Scenario one = suite.scenarios().get(0);
        assertThat(one.steps()).extracting(Step::keyword, Step::text, Step::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Given", "I run \"make\"", 3),
                org.assertj.core.groups.Tuple.tuple("When", "I run \"./app\"", 5),
                org.assertj.core.groups.Tuple.tuple("Then", "the exit code is 0", 6));
        assertThat(suite.scenarios().get(1).steps()).extracting(Step::text)
                .containsExactly("I run \"make\"", "the exit code is 2");
    }

    @Test
    void expandsEachExamplesRowOfAnOutlineIntoAScenarioWithItsValuesSubstituted() {
        Suite suite = load("""
                Feature: f
                  Scenario Outline: adds <a> and <b>
                    When I run "python3 add.py <a> <b>"
                    Then stdout is "<sum>"

                    Examples:
                      | a | b | sum |
                      | 1 | 2 | 3   |
                      | 2 | 2 | 4   |
                """);

        assertThat(suite.scenarios()).extracting(Scenario::title, Scenario::id).containsExactly(
                org.assertj.core.groups.Tuple.tuple("adds 1 and 2", "a.feature:8"),
                org.assertj.core.groups.Tuple.tuple("adds 2 and 2", "a.feature:9"));
        assertThat(suite.scenarios().get(1).steps()).extracting(Step::action).containsExactly(
                new StepAction.RunCommand("python3 add.py 2 2", null, Duration.ofSeconds(60), null),
                new StepAction.ExpectText(Source.STDOUT, Match.EQUALS, "4"));
    }

    @Test
    void understandsEveryRunPhrasing() {
        assertThat(actions("""
                When I run "ls -l"
                And I run "make test" in "backend"
                And I run "sleep 1" with a timeout of 5 seconds
                And I run "./long" in "tools/bin" with a timeout of 2 minutes
                And I run "sort" with the input:
                  \"\"\"
                  b
                  a
                  \"\"\"
                And I run "wc -l" in "src" with a timeout of 3 seconds with the input:
                  \"\"\"
                  x
                  \"\"\"
                And I run "echo \\"quoted\\" \\\\ back"
                Then the exit code is 0
                """)).containsExactly(
                new StepAction.RunCommand("ls -l", null, Duration.ofSeconds(60), null),
                new StepAction.RunCommand("make test", null, Duration.ofSeconds(60), "backend"),
                new StepAction.RunCommand("sleep 1", null, Duration.ofSeconds(5), null),
                new StepAction.RunCommand("./long", null, Duration.ofMinutes(2), "tools/bin"),
                new StepAction.RunCommand("sort", "b\na", Duration.ofSeconds(60), null),
                new StepAction.RunCommand("wc -l", "x", Duration.ofSeconds(3), "src"),
                new StepAction.RunCommand("echo \"quoted\" \\ back", null, Duration.ofSeconds(60), null),
                new StepAction.ExpectExitCode(0));
    }

    @Test
    void understandsServiceAndHttpPhrasingsAndSendsPathsToTheServiceStartedLast() {
        assertThat(actions("""
                Given I start "python3 -m http.server 8000" and wait for port 8000
                And I start "./serve" in "web" and wait for port 9090 for up to 10 seconds
                When I send a GET request to "/items"
                And I send a DELETE request to "http://localhost:8000/items/1"
                And I send a GET request to "/items" with the headers:
                  | Accept        | application/json |
                  | Authorization | Bearer t0ken     |
                And I send a POST request to "/items" with the body:
                  \"\"\"json
                  {"name": "x"}
                  \"\"\"
                And I send a PUT request to "/items/1" with the body "{\\"name\\": \\"y\\"}"
                And I send a PATCH request to "/items/1" with the body "z" and the headers:
                  | Content-Type | text/plain |
                Then the response status is 204
                """)).containsExactly(
                new StepAction.StartService("python3 -m http.server 8000", 8000, Duration.ofSeconds(30), null),
                new StepAction.StartService("./serve", 9090, Duration.ofSeconds(10), "web"),
                new StepAction.SendHttp("GET", "http://localhost:9090/items", Map.of(), null),
                new StepAction.SendHttp("DELETE", "http://localhost:8000/items/1", Map.of(), null),
                new StepAction.SendHttp("GET", "http://localhost:9090/items",
                        Map.of("Accept", "application/json", "Authorization", "Bearer t0ken"), null),
                new StepAction.SendHttp("POST", "http://localhost:9090/items",
                        Map.of("Content-Type", "application/json"), "{\"name\": \"x\"}"),
                new StepAction.SendHttp("PUT", "http://localhost:9090/items/1", Map.of(), "{\"name\": \"y\"}"),
                new StepAction.SendHttp("PATCH", "http://localhost:9090/items/1",
                        Map.of("Content-Type", "text/plain"), "z"),
                new StepAction.ExpectHttpStatus(204));
    }

    @Test
    void understandsEveryOutputExpectation() {
        assertThat(actions("""
                When I run "app"
                Then stdout contains "Hello"
                And stdout does not contain "Error"
                And stderr is ""
                And stdout matches "\\d+ items"
                And stderr contains:
                  \"\"\"
                  two
                  lines
                  \"\"\"
                And the exit code is 3
                """)).containsExactly(
                new StepAction.RunCommand("app", null, Duration.ofSeconds(60), null),
                new StepAction.ExpectText(Source.STDOUT, Match.CONTAINS, "Hello"),
                new StepAction.ExpectText(Source.STDOUT, Match.NOT_CONTAINS, "Error"),
                new StepAction.ExpectText(Source.STDERR, Match.EQUALS, ""),
                new StepAction.ExpectText(Source.STDOUT, Match.MATCHES, "\\d+ items"),
                new StepAction.ExpectText(Source.STDERR, Match.CONTAINS, "two\nlines"),
                new StepAction.ExpectExitCode(3));
    }

    @Test
    void understandsResponseAndJsonExpectations() {
        assertThat(actions("""
                Given I start "./serve" and wait for port 8080
                When I send a GET request to "/items"
                Then the response body contains "x"
                And the response does not contain "secret"
                And the response body matches "^\\[.*]$"
                And the JSON field "items[0].name" of the response is "x"
                And the JSON field "count" of the response body is 2
                And the JSON field "meta" of the response is:
                  \"\"\"
                  {"page": 1, "last": true}
                  \"\"\"
                When I run "./cli --json"
                Then the JSON field "[1].ok" of stdout is true
                And the JSON field "err" of stderr is null
                """)).containsExactly(
                new StepAction.StartService("./serve", 8080, Duration.ofSeconds(30), null),
                new StepAction.SendHttp("GET", "http://localhost:8080/items", Map.of(), null),
                new StepAction.ExpectText(Source.HTTP_BODY, Match.CONTAINS, "x"),
                new StepAction.ExpectText(Source.HTTP_BODY, Match.NOT_CONTAINS, "secret"),
                new StepAction.ExpectText(Source.HTTP_BODY, Match.MATCHES, "^\\[.*]$"),
                new StepAction.ExpectJson(Source.HTTP_BODY, "items[0].name", "\"x\""),
                new StepAction.ExpectJson(Source.HTTP_BODY, "count", "2"),
                new StepAction.ExpectJson(Source.HTTP_BODY, "meta", "{\"page\": 1, \"last\": true}"),
                new StepAction.RunCommand("./cli --json", null, Duration.ofSeconds(60), null),
                new StepAction.ExpectJson(Source.STDOUT, "[1].ok", "true"),
                new StepAction.ExpectJson(Source.STDERR, "err", "null"));
    }

    @Test
    void understandsFileAndJudgeExpectations() {
        assertThat(actions("""
                Then the file "README.md" exists
                And the file "tmp/cache" does not exist
                When I run "./build"
                Then the file "out/report.txt" contains "PASS"
                And the file "out/report.txt" does not contain "FAIL"
                And the file "out/version" is "1.2.3"
                And the file "out/log" matches "took \\d+ ms"
                And the file "out/list.txt" is:
                  \"\"\"
                  a
                  b
                  \"\"\"
                And a judge agrees that "the report reads like a summary for a manager"
                And a judge agrees that:
                  \"\"\"
                  The output is polite.
                  \"\"\"
                """)).containsExactly(
                new StepAction.ExpectFile("README.md", true, null, null),
                new StepAction.ExpectFile("tmp/cache", false, null, null),
                new StepAction.RunCommand("./build", null, Duration.ofSeconds(60), null),
                new StepAction.ExpectFile("out/report.txt", true, Match.CONTAINS, "PASS"),
                new StepAction.ExpectFile("out/report.txt", true, Match.NOT_CONTAINS, "FAIL"),
                new StepAction.ExpectFile("out/version", true, Match.EQUALS, "1.2.3"),
                new StepAction.ExpectFile("out/log", true, Match.MATCHES, "took \\d+ ms"),
                new StepAction.ExpectFile("out/list.txt", true, Match.EQUALS, "a\nb"),
                new StepAction.JudgeAgrees("the report reads like a summary for a manager"),
                new StepAction.JudgeAgrees("The output is polite."));
    }

    @Test
    void acceptsEveryKeywordForEveryStep() {
        assertThat(actions("""
                * I run "a"
                But the exit code is 0
                Then I run "b"
                Given stdout is "b"
                """)).hasSize(4);
    }

    @Test
    void namesAnUnknownStepByItsLineWithTheClosestBuiltInPhrasing() {
        assertThat(problems("""
                Feature: f
                  Scenario: s
                    When I execute "ls"
                    Then the exit status is 0
                    And the output contains "x"
                """)).containsExactly(
                "a.feature:3: unknown step 'I execute \"ls\"'; the closest built-in step is 'I run \"<command>\"' "
                        + "(every built-in step is in scenario-store/README.md)",
                "a.feature:4: unknown step 'the exit status is 0'; the closest built-in step is 'the exit code is <n>' "
                        + "(every built-in step is in scenario-store/README.md)",
                "a.feature:5: unknown step 'the output contains \"x\"'; the closest built-in step is 'stdout contains "
                        + "\"<text>\"' (every built-in step is in scenario-store/README.md)");
    }

    @Test
    void anUnescapedQuoteInsideAValueIsNamedInTheHint() {
        assertThat(problems("""
                Feature: f
                  Scenario: s
                    When I run "echo "hi""
                    Then the exit code is 0
                """)).singleElement().asString().startsWith("a.feature:3: unknown step 'I run \"echo \"hi\"\"'; "
                        + "the closest built-in step is 'I run \"<command>\"'")
                .endsWith("; inside a quoted value, write a quote as \\\"");
    }

    @Test
    void refusesAnExpectationWithNothingBeforeItToCheck() {
        assertThat(problems("""
                Feature: f
                  Scenario: s
                    Then the exit code is 0
                    And stdout contains "x"
                    And the response status is 200
                    And the JSON field "a" of the response is 1
                    And a judge agrees that "it works"
                    When I send a GET request to "/x"
                """)).containsExactly(
                "a.feature:3: 'the exit code is 0' checks the last command run, but no 'I run \"...\"' step comes "
                        + "before it",
                "a.feature:4: 'stdout contains \"x\"' checks the last command run, but no 'I run \"...\"' step comes "
                        + "before it",
                "a.feature:5: 'the response status is 200' checks the last HTTP response, but no 'I send a ... "
                        + "request' step comes before it",
                "a.feature:6: 'the JSON field \"a\" of the response is 1' checks the last HTTP response, but no 'I "
                        + "send a ... request' step comes before it",
                "a.feature:7: 'a judge agrees that \"it works\"' has nothing to judge: run a command, start a service "
                        + "or send a request before it",
                "a.feature:8: a request to the path /x goes to the service started last, but no 'I start ... and "
                        + "wait for port' step comes before it (or give a full http://localhost:<port>/... URL)");
    }

    @Test
    void refusesBadValuesInsideKnownSteps() {
        assertThat(problems("""
                Feature: f
                  Scenario: s
                    When I run "x" in "../elsewhere"
                    And I run "y" with a timeout of 0 seconds
                    And I start "z" and wait for port 70000
                    And I run "sort" with the input:
                    And I run "ls"
                      \"\"\"
                      unexpected
                      \"\"\"
                    Then stdout matches "(unclosed"
                    And the exit code is 300
                    And the JSON field "a..b" of stdout is 1
                    And the JSON field "a" of stdout is Ada
                    And I send a GET request to "items"
                """)).containsExactly(
                "a.feature:3: the working directory '../elsewhere' must be a relative path inside the program's "
                        + "folder (no leading '/', no '..')",
                "a.feature:4: a timeout is from 1 second to 60 minutes",
                "a.feature:5: 70000 is not a port (1 to 65535)",
                "a.feature:6: this step ends with ':' and needs a doc string (\"\"\" lines) under it",
                "a.feature:7: this step takes no doc string (end the step with ':' where a phrasing takes one)",
                "a.feature:11: invalid regular expression: Unclosed group near index 9",
                "a.feature:12: 300 is not an exit code (0 to 255)",
                "a.feature:13: 'a..b' is not a JSON field path: use names and indexes such as items[0].name",
                "a.feature:14: the expected value Ada is not JSON: quote strings (\"Ada\"); numbers, true, false, "
                        + "null, arrays and objects are written as in JSON",
                "a.feature:15: the request target 'items' must be a path starting with '/' (sent to the service "
                        + "started last) or a full http:// URL");
    }

    @Test
    void reportsGherkinSyntaxErrorsWithTheirLine() {
        assertThat(problems("""
                Feature: f
                  Scenario: s
                    When I run "a"
                  This line is not Gherkin
                    Then the exit code is 0
                """)).singleElement().asString().startsWith("a.feature:4: Gherkin syntax: expected:");
    }

    @Test
    void refusesDuplicateScenarioNamesAcrossFiles() {
        String scenario = "  Scenario: same\n    When I run \"a\"\n    Then the exit code is 0\n";
        assertThat(problems(Map.of("suite.yaml", YAML, "a.feature", "Feature: a\n" + scenario,
                "b.feature", "Feature: b\n\n" + scenario))).containsExactly(
                "b.feature:3: duplicate scenario name 'same' (first at a.feature:2): scenario names must be unique "
                        + "in a suite");
    }

    @Test
    void refusesScenariosThatCheckNothingOrHaveNoSteps() {
        assertThat(problems("""
                Feature: f
                  Scenario: only acts
                    When I run "a"
                  Scenario: empty
                """)).containsExactly(
                "a.feature:2: scenario 'only acts' checks nothing: add a Then step (for example 'Then the exit code "
                        + "is 0')",
                "a.feature:4: scenario 'empty' has no steps");
    }

    @Test
    void refusesAnEmptySuiteAFeatureWithoutScenariosAndAMissingSuiteYaml() {
        assertThat(problems(Map.of("suite.yaml", YAML))).containsExactly(
                "suite.yaml: the suite is empty: add .feature files with scenarios beside suite.yaml");
        assertThat(problems(Map.of("suite.yaml", YAML, "a.feature", "Feature: nothing yet\n"))).containsExactly(
                "a.feature:1: the feature has no scenarios (an outline needs an Examples table with at least one "
                        + "row)");
        assertThat(problems(Map.of("a.feature", "Feature: f\n  Scenario: s\n    When I run \"a\"\n"
                + "    Then the exit code is 0\n"))).containsExactly(
                "suite.yaml: missing: a suite needs a suite.yaml with at least 'name: <suite name>'");
    }

    @Test
    void refusesUnknownKeysAndBadValuesInSuiteYamlWithTheirLines() {
        String feature = "Feature: f\n  Scenario: s\n    When I run \"a\"\n    Then the exit code is 0\n";
        assertThat(problems(Map.of("a.feature", feature, "suite.yaml", """
                name: Not A Name
                trials: 0
                disclosure: secret
                threshold: 1.5
                judge_model: ""
                retries: 3
                """))).containsExactly(
                "suite.yaml:1: name must be 1 to 64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or "
                        + "digit; was 'Not A Name'",
                "suite.yaml:2: trials must be a whole number from 1 to 100; was '0'",
                "suite.yaml:3: unknown disclosure level 'secret' (use verdict, hints or full)",
                "suite.yaml:4: threshold must be a number from 0 to 1 (the fraction of trials that must be "
                        + "satisfied); was '1.5'",
                "suite.yaml:5: judge_model must be a model name",
                "suite.yaml:6: unknown key 'retries' (known: name, trials, disclosure, threshold, judge_model, gate, confidence, max_trials, flaky_weight, max_exposure, twins)");
        assertThat(problems(Map.of("a.feature", feature, "suite.yaml", "name: [unclosed\n")))
                .singleElement().asString().startsWith("suite.yaml:").contains("not valid YAML");
        assertThat(problems(Map.of("a.feature", feature, "suite.yaml", "trials: 2\n"))).containsExactly(
                "suite.yaml:1: name is missing: add 'name: <suite name>'");
    }

    @Test
    void readsTheGateAdaptiveTrialsFlakyWeightAndExposureLimitAndRefusesBadOnes() {
        String feature = "Feature: f\n  Scenario: s\n    When I run \"a\"\n    Then the exit code is 0\n";
        Suite suite = loader.load(new SuiteFiles(Map.of("a.feature", feature, "suite.yaml", """
                name: stats
                trials: 3
                threshold: 0.8
                gate: lower_bound
                confidence: 0.9
                max_trials: 20
                flaky_weight: 0.5
                max_exposure: 4
                """)));
        assertThat(suite.settings()).isEqualTo(new SuiteSettings("stats", 3, Disclosure.HINTS, 0.8, null,
                new io.nightshift.harness.Gate(io.nightshift.harness.GateRule.LOWER_BOUND, 0.9, 0.5), 20, 4));
        assertThat(problems(Map.of("a.feature", feature, "suite.yaml", """
                name: stats
                trials: 3
                gate: median
                confidence: 1
                max_trials: 2
                flaky_weight: 2
                max_exposure: -1
                """))).containsExactly(
                "suite.yaml:3: unknown gate 'median' (use point or lower_bound)",
                "suite.yaml:4: confidence must be a number strictly between 0 and 1 (the level of the Wilson "
                        + "interval, e.g. 0.95); was '1'",
                "suite.yaml:5: max_trials must be a whole number from trials (3) to 100; was '2'",
                "suite.yaml:6: flaky_weight must be a number from 0 (flaky scenarios do not count in the gate) to 1 "
                        + "(they count fully); was '2'",
                "suite.yaml:7: max_exposure must be a whole number, 0 or more (judgments whose feedback may disclose "
                        + "a scenario before it is withheld); was '-1'");
        assertThat(problems(Map.of("a.feature", feature, "suite.yaml", "name: s\ngate: lower_bound\n")))
                .containsExactly("suite.yaml:2: a lower_bound gate can never reach a threshold of 1 (the lower bound "
                        + "of a proportion is below 1 however many trials pass): set a threshold below 1, e.g. 0.9");
    }

    @Test
    void appliesTheDefaultsOfSuiteYaml() {
        assertThat(load("Feature: f\n  Scenario: s\n    When I run \"a\"\n    Then the exit code is 0\n").settings())
                .isEqualTo(new SuiteSettings("demo", 1, Disclosure.HINTS, 1.0, null));
    }

    @Test
    void listsEveryProblemOfTheSuiteAtOnceInFileOrder() {
        assertThat(problems(Map.of("suite.yaml", "name: demo\nextra: 1\n",
                "b.feature", "Feature: b\n  Scenario: b\n    When I fly\n    Then the exit code is 0\n",
                "a.feature", "Feature: a\n  Scenario: a\n    Then stdout is \"x\"\n")))
                .extracting(line -> line.substring(0, line.indexOf(": ")))
                .containsExactly("a.feature:3", "b.feature:3", "suite.yaml:2");
    }

    @Test
    void theVersionIsAContentHashIndependentOfOrderAndSensitiveToEveryByte() {
        SuiteFiles one = new SuiteFiles(Map.of("suite.yaml", YAML, "a.feature", "x", "b.feature", "y"));
        SuiteFiles same = new SuiteFiles(new java.util.LinkedHashMap<>(Map.of("b.feature", "y", "a.feature", "x",
                "suite.yaml", YAML)));
        SuiteFiles moved = new SuiteFiles(Map.of("suite.yaml", YAML, "a.feature", "xy", "b.feature", ""));

        assertThat(one.contentHash()).isEqualTo(same.contentHash()).matches("[0-9a-f]{12}");
        assertThat(moved.contentHash()).isNotEqualTo(one.contentHash());
    }

    @Test
    void readsOnlySuiteYamlAndFeatureFilesFromAFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("suite.yaml"), YAML);
        Files.createDirectories(dir.resolve("more"));
        Files.writeString(dir.resolve("more/b.feature"), "Feature: b");
        Files.writeString(dir.resolve("notes.md"), "not part of it");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve(".git/x.feature"), "hidden");

        assertThat(SuiteDirectory.read(dir).files()).containsOnlyKeys("suite.yaml", "more/b.feature");
        assertThatThrownBy(() -> SuiteDirectory.read(dir.resolve("missing")))
                .isInstanceOf(SuiteValidationException.class).hasMessageContaining("not a folder");
    }
}
