package io.nightshift.harness.judge;

import static io.nightshift.harness.Scenarios.exitCode;
import static io.nightshift.harness.Scenarios.file;
import static io.nightshift.harness.Scenarios.http;
import static io.nightshift.harness.Scenarios.json;
import static io.nightshift.harness.Scenarios.judgeAgrees;
import static io.nightshift.harness.Scenarios.run;
import static io.nightshift.harness.Scenarios.scenario;
import static io.nightshift.harness.Scenarios.service;
import static io.nightshift.harness.Scenarios.status;
import static io.nightshift.harness.Scenarios.stdout;
import static io.nightshift.harness.Scenarios.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.Scenario;
import io.nightshift.harness.Scenarios;
import io.nightshift.harness.StepAction.Match;
import io.nightshift.harness.StepAction.Source;
import io.nightshift.harness.StepKind;
import io.nightshift.harness.TrialResult;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of step, passing and failing, on this machine (the runner only talks to an ExecutionEnvironment). */
class ScenarioRunnerTest {

    @TempDir
    Path snapshot;

    @TempDir
    Path home;

    LocalExecutionEnvironment env;
    final ScenarioRunner runner = new ScenarioRunner(LlmJudge.NONE);

    @BeforeEach
    void environment() throws IOException {
        env = new LocalExecutionEnvironment(snapshot, Map.of("PATH", "/usr/local/bin:/usr/bin:/bin",
                "HOME", home.toString(), "LANG", "C.UTF-8"));
        env.initialize();
        Files.writeString(snapshot.resolve("server.py"), Scenarios.ECHO_SERVER);
    }

    @AfterEach
    void close() {
        env.close();
    }

    private TrialResult trial(Scenario scenario) {
        return runner.run(scenario, 1, env);
    }

    @Test
    void commandWithMatchingExitCodeAndOutputSatisfiesTheScenario() {
        TrialResult r = trial(scenario("greets", run("echo hello; echo warn >&2"), exitCode(0),
                stdout(Match.EQUALS, "hello"), text(Source.STDERR, Match.CONTAINS, "warn"),
                stdout(Match.MATCHES, "^h.l+o$"), stdout(Match.NOT_CONTAINS, "goodbye")));
        assertThat(r.satisfied()).as(String.valueOf(r)).isTrue();
        assertThat(r.failedStep()).isEqualTo(-1);
    }

    @Test
    void wrongExitCodeFailsAtThatStepWithWhatTheProgramDidAndTheHiddenExpectation() {
        TrialResult r = trial(scenario("fails", run("echo partial; echo 'boom: bad input' >&2; exit 3"), exitCode(0),
                stdout(Match.EQUALS, "never reached")));
        assertThat(r.satisfied()).isFalse();
        assertThat(r.failedStep()).isEqualTo(1);
        assertThat(r.failedKind()).isEqualTo(StepKind.EXPECT_EXIT_CODE);
        assertThat(r.observed()).contains("exit code 3", "partial", "boom: bad input");
        assertThat(r.expected()).isEqualTo("exit code 0");
        assertThat(r.reason()).contains("exited with 3");
    }

    @Test
    void outputMismatchFailsWithTheOutputObserved() {
        TrialResult r = trial(scenario("prints", run("echo 41"), exitCode(0), stdout(Match.EQUALS, "42")));
        assertThat(r.failedStep()).isEqualTo(2);
        assertThat(r.failedKind()).isEqualTo(StepKind.EXPECT_OUTPUT);
        assertThat(r.observed()).contains("41");
        assertThat(r.expected()).contains("equals \"42\"");
    }

    @Test
    void stdinComesFromAFileAndTheWorkingDirectoryIsRelativeToTheSnapshot() throws IOException {
        Files.createDirectories(snapshot.resolve("sub"));
        Files.writeString(snapshot.resolve("sub/marker"), "here");
        TrialResult r = trial(scenario("reads input",
                Scenarios.run("tr a-z A-Z; cat marker", "abc\nsecond line\n", Duration.ofSeconds(10), "sub"),
                exitCode(0), stdout(Match.EQUALS, "ABC\nSECOND LINE\nhere")));
        assertThat(r.satisfied()).as(String.valueOf(r)).isTrue();
    }

    @Test
    void largeStdinArrivesWhole() {
        String big = "x".repeat(300_000) + "\n";
        TrialResult r = trial(scenario("big input", Scenarios.run("wc -c", big, Duration.ofSeconds(10), null),
                stdout(Match.EQUALS, String.valueOf(big.length()))));
        assertThat(r.satisfied()).as(String.valueOf(r)).isTrue();
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndReportedAsTimedOut() {
        TrialResult r = trial(scenario("hangs", Scenarios.run("echo started; sleep 30", null, Duration.ofMillis(500), null),
                exitCode(0)));
        assertThat(r.failedKind()).isEqualTo(StepKind.EXPECT_EXIT_CODE);
        assertThat(r.observed()).contains("timed out after 0.5 s", "started");
    }

    @Test
    void jsonFieldsAreFoundByDottedPathsWithIndexes() {
        String doc = "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\",\"tags\":[1,2]}],\"count\":2}";
        TrialResult ok = trial(scenario("json", run("echo '" + doc + "'"), json(Source.STDOUT, "items[1].name", "\"b\""),
                json(Source.STDOUT, "count", "2.0"), json(Source.STDOUT, "items[1].tags", "[1, 2]"),
                json(Source.STDOUT, "$", doc)));
        assertThat(ok.satisfied()).as(String.valueOf(ok)).isTrue();

        TrialResult missing = trial(scenario("json", run("echo '" + doc + "'"), json(Source.STDOUT, "items[2].name", "\"c\"")));
        assertThat(missing.failedKind()).isEqualTo(StepKind.EXPECT_JSON);
        assertThat(missing.reason()).contains("'items' has 2 element(s), no [2]");

        TrialResult other = trial(scenario("json", run("echo '" + doc + "'"), json(Source.STDOUT, "items[0].name", "\"z\"")));
        assertThat(other.observed()).contains("the field holds \"a\"");

        TrialResult notJson = trial(scenario("json", run("echo plain"), json(Source.STDOUT, "a", "1")));
        assertThat(notJson.reason()).isEqualTo("stdout is not JSON");
    }

    @Test
    void filesAreCheckedForExistenceAndContent() {
        TrialResult ok = trial(scenario("writes", run("mkdir -p out && printf 'total: 7\\n' > out/report.txt"),
                file("out/report.txt", true, null, null), file("out/report.txt", true, Match.CONTAINS, "total: 7"),
                file("out/other.txt", false, null, null)));
        assertThat(ok.satisfied()).as(String.valueOf(ok)).isTrue();

        TrialResult absent = trial(scenario("writes", run("true"), file("out/none.txt", true, null, null)));
        assertThat(absent.failedKind()).isEqualTo(StepKind.EXPECT_FILE);
        assertThat(absent.observed()).isEqualTo("no such file");

        TrialResult wrong = trial(scenario("writes", run("printf 'total: 8' > r.txt"),
                file("r.txt", true, Match.EQUALS, "total: 7")));
        assertThat(wrong.observed()).contains("total: 8");
    }

    @Test
    void aServiceIsStartedReachedOverHttpAndStoppedWhenTheTrialEnds() throws Exception {
        int port = freePort();
        TrialResult r = trial(scenario("serves", service("python3 server.py " + port, port),
                http("GET", "/hello", Map.of(), null), status(200), json(Source.HTTP_BODY, "path", "\"/hello\""),
                http("POST", "/items", Map.of("X-Token", "t-1"), "{\"name\":\"pen\"}"), status(200),
                json(Source.HTTP_BODY, "body", "\"{\\\"name\\\":\\\"pen\\\"}\""), json(Source.HTTP_BODY, "token", "\"t-1\""),
                http("GET", ":" + port + "/missing", Map.of(), null), status(404),
                text(Source.HTTP_BODY, Match.CONTAINS, "nothing at this path")));
        assertThat(r.satisfied()).as(String.valueOf(r)).isTrue();
        assertThat(listening(port)).as("the service was stopped after the trial").isFalse();
    }

    @Test
    void wrongHttpStatusFailsWithTheResponseObserved() throws Exception {
        int port = freePort();
        TrialResult r = trial(scenario("serves", service("python3 server.py " + port, port),
                http("GET", "/missing", Map.of(), null), status(200)));
        assertThat(r.failedKind()).isEqualTo(StepKind.EXPECT_HTTP_STATUS);
        assertThat(r.observed()).contains("HTTP status 404", "nothing at this path");
        assertThat(r.expected()).isEqualTo("HTTP status 200");
    }

    @Test
    void aServiceThatExitsBeforeListeningFailsWithItsOutput() {
        TrialResult r = trial(scenario("crashes", service("echo 'config missing' >&2; exit 1", 1), status(200)));
        assertThat(r.failedStep()).isZero();
        assertThat(r.failedKind()).isEqualTo(StepKind.START_SERVICE);
        assertThat(r.observed()).contains("exited before it listened", "config missing");
    }

    @Test
    void aRequestWithoutAServiceOrAResponseFails() throws Exception {
        TrialResult noService = trial(scenario("no service", http("GET", "/x", Map.of(), null)));
        assertThat(noService.failedKind()).isEqualTo(StepKind.HTTP_REQUEST);
        assertThat(noService.reason()).contains("no service was started");

        TrialResult refused = trial(scenario("refused", http("GET", "http://127.0.0.1:" + freePort() + "/", Map.of(), null)));
        assertThat(refused.failedKind()).isEqualTo(StepKind.HTTP_REQUEST);
        assertThat(refused.observed()).startsWith("no HTTP response");
    }

    @Test
    void aJudgeStepWithoutAConfiguredClientFailsSayingHowToConfigureOne() {
        TrialResult r = trial(scenario("judged", run("echo hi"), judgeAgrees("the greeting is friendly")));
        assertThat(r.failedKind()).isEqualTo(StepKind.LLM_JUDGE);
        assertThat(r.reason()).contains("no LLM client is configured", "ANTHROPIC_API_KEY");
        assertThat(r.expected()).contains("the greeting is friendly");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
