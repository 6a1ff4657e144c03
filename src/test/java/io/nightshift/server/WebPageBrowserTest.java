package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.runtime.harness.FakeGateway;
import io.nightshift.runtime.harness.HoldoutGuard;
import io.nightshift.runtime.harness.TwinJudgeGateway;
import io.nightshift.runtime.service.RunRegistry;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web page end to end in headless Chromium: the run list, the run page, and human gates answered by clicks. */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
@Tag("browser")
class WebPageBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    RunRegistry registry;

    @TempDir
    Path repo;

    @Test
    void clickingAnOptionButtonAnswersTheGateAndRoutesThePipeline() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI");
        Http http = new Http(root.toString());
        String id = http.postJson("/pipelines", Map.of("dot", Pipelines.reviewGate(), "simulate", true)).json()
                .path("id").asText();
        http.awaitStatus(id, "waiting");
        try (Chromium browser = new Chromium(chromium.get())) {
            browser.navigate(root + "index.html");
            browser.await("document.querySelector('tr[data-run=\"" + id + "\"]') !== null", 15_000);
            assertThat(browser.eval("document.querySelector('tr[data-run=\"" + id + "\"] .status').textContent")
                    .asText()).isEqualTo("waiting");

            browser.navigate(root + "run.html?id=" + id);
            browser.await("document.querySelector('button[data-key=\"F\"]') !== null", 15_000);
            browser.await("document.querySelector('#graph svg g#node_review_gate.state_waiting') !== null", 15_000);
            browser.await("[...document.querySelectorAll('#files a')].some(a => a.textContent.startsWith("
                    + "'implement/'))", 15_000);
            String firstQuestion = http.get("/pipelines/" + id + "/questions").json().get(0).path("id").asText();
            browser.click("button[data-key=\"F\"]");

            // [F] Fix routes to 'fixes', which loops back to the gate: a new question appears on the page
            browser.await("[...document.querySelectorAll('#events li')].some(li => li.textContent.includes("
                    + "'stage_completed fixes'))", 15_000);
            JsonNode afterFix = http.awaitStatus(id, "waiting");
            assertThat(afterFix.path("completed_nodes").toString()).contains("fixes").doesNotContain("ship_it");
            // the new question, not a rendering of the answered one that a refresh caught while it was still pending
            String second = ".question:not([data-question=\"" + firstQuestion + "\"]) button[data-key=\"A\"]"
                    + ":not([disabled])";
            browser.await("document.querySelector('" + second.replace("'", "\\'") + "') !== null", 15_000);
            browser.click(second);

            JsonNode done = http.awaitStatus(id, "succeeded");
            assertThat(done.path("completed_nodes").toString()).contains("fixes", "ship_it");
            browser.await("document.getElementById('status').textContent === 'succeeded'", 15_000);
            assertThat(browser.eval("[...document.querySelectorAll('#events li')].map(li => li.dataset.type)")
                    .toString()).contains("interview_completed", "pipeline_completed");
        }
    }

    @Test
    void theRunPageShowsSatisfactionAndTheJudgmentsOfHoldoutScenarios() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI");
        Files.writeString(repo.resolve("README.md"), "a job's repository\n");
        Files.writeString(repo.resolve("greet.txt"), "hello\n"); // already there: no tool node, no local sandbox
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
        registry.useHarness(new FakeGateway(call -> FakeGateway.fileAt(call, "greet.txt").equals("hello\n")));
        try (Chromium browser = new Chromium(chromium.get())) {
            Http http = new Http(root.toString());
            String dot = """
                    digraph greet {
                        start [shape=Mdiamond]
                        exit  [shape=Msquare]
                        judge [type="harness", harness.suite="greet", harness.threshold=0.9]
                        start -> judge -> exit
                    }
                    """;
            String id = http.postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()), "goal", "Greet",
                    "dot", dot)).json().path("id").asText();
            http.awaitStatus(id, "succeeded");

            browser.navigate(root + "run.html?id=" + id);
            // Guarded: the expression may run before the page has loaded (no element yet).
            browser.await("(document.getElementById('satisfaction') || {}).textContent === 'satisfaction 100.0%'",
                    15_000);
            browser.await("[...document.querySelectorAll('#events li')].some(li => li.dataset.type === "
                    + "'harness_completed')", 15_000);
            assertThat(browser.eval("[...document.querySelectorAll('#events li')].filter(li => li.dataset.type === "
                    + "'harness_completed').map(li => li.textContent).join()").asText())
                    .contains("judge: suite greet, satisfaction 100.0% (2/2 trials, threshold 90.0%)");
        } finally {
            registry.useHarness(HoldoutGuard.production(Map.of()));
        }
    }

    @Test
    void theRunPageAndTheListShowWhatTheRunsModelCallsSpent() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI");
        Files.writeString(repo.resolve("README.md"), "a job's repository\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
        // the judge's one model call over the twin bills 1,000 input and 100 output tokens of claude-sonnet-4-5
        try (TwinServer twin = TwinServer.start(TwinScripts.parse("""
                rules:
                  - reply:
                      text: '{"agrees": true, "reason": "it greeted"}'
                      usage: {input_tokens: 1000, output_tokens: 100}
                """));
                Chromium browser = new Chromium(chromium.get())) {
            registry.useHarness(new TwinJudgeGateway(twin));
            Http http = new Http(root.toString());
            String dot = """
                    digraph spent {
                        start [shape=Mdiamond]
                        exit  [shape=Msquare]
                        judge [type="harness", harness.suite="greet", harness.threshold=1]
                        start -> judge -> exit
                    }
                    """;
            String id = http.postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()), "goal", "Greet",
                    "dot", dot)).json().path("id").asText();
            http.awaitStatus(id, "succeeded");
            JsonNode run = http.get("/pipelines/" + id).json();
            assertThat(run.path("tokens").asLong()).as("what the page fetches").isEqualTo(1_100);
            assertThat(run.path("cost_complete").asBoolean()).isTrue();

            browser.navigate(root + "run.html?id=" + id);
            browser.await("(document.getElementById('spend') || {}).textContent === '1,100 tokens, $0.0045'",
                    15_000);

            browser.navigate(root.toString());
            browser.await("!!document.querySelector('tr[data-run=\"" + id + "\"] td.spend')", 15_000);
            assertThat(browser.eval("document.querySelector('tr[data-run=\"" + id + "\"] td.spend').textContent")
                    .asText()).isEqualTo("1,100 tokens, $0.0045");
        } finally {
            registry.useHarness(HoldoutGuard.production(Map.of()));
        }
    }

    @Test
    void aSimulatedRunSaysSoWhereItsSpendIsShown() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI");
        try (Chromium browser = new Chromium(chromium.get())) {
            Http http = new Http(root.toString());
            String id = http.postJson("/pipelines", Map.of("dot", Pipelines.linear("simulatedspend", 1),
                    "simulate", true)).json().path("id").asText();
            http.awaitStatus(id, "succeeded");

            browser.navigate(root + "run.html?id=" + id);
            browser.await("(document.getElementById('spend') || {}).textContent === '0 tokens, $0.0000 (simulated)'",
                    15_000);
        }
    }

    @Test
    void theRunPageListsEachCandidateAndMarksTheWinner() throws Exception {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI");
        String dot = """
                digraph cands {
                    graph [goal="greet"]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Greet", candidates=3]
                    start -> implement -> done
                }
                """;
        try (Chromium browser = new Chromium(chromium.get())) {
            Http http = new Http(root.toString());
            String id = http.postJson("/pipelines", Map.of("dot", dot, "simulate", true)).json().path("id").asText();
            http.awaitStatus(id, "succeeded");

            browser.navigate(root + "run.html?id=" + id);
            browser.await("document.querySelectorAll('#candidates tbody tr').length === 3", 15_000);
            browser.await("!document.getElementById('candidates-section').hidden", 5_000);
            browser.await("document.querySelectorAll('#candidates tbody tr.winner').length === 1"
                    + " && document.querySelector('#candidates tbody tr.winner').textContent.includes('(winner)')"
                    + " && document.querySelector('#candidates tbody tr').textContent.includes('refs/nightshift/')",
                    5_000);
        }
    }

    private void git(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
