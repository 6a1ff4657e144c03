package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.StepKind;
import io.nightshift.runtime.harness.HarnessCall;
import io.nightshift.runtime.harness.HarnessGateway;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in headless Chromium on a service with no Graphviz: every run with its status, pipeline, suite,
 * duration, spend and satisfaction, filtered by status, pipeline and suite from the page's address; the charts of
 * satisfaction per suite and of spend per day; a run page whose graph is drawn in the browser and recoloured live.
 * With {@code -Dnightshift.screenshots=docs/screenshots} it saves the pictures the README shows.
 */
@QuarkusTest
@TestProfile(NoGraphvizProfile.class)
@Tag("browser")
class DashboardBrowserTest {

    private static final String SUCCEEDED_FILL = "rgb(183, 228, 199)";
    private static final String WAITING_FILL = "rgb(255, 208, 138)";

    @TestHTTPResource("/")
    URL root;

    @Inject
    RunRegistry registry;

    @TempDir
    Path repo;

    @Test
    void theListShowsEveryRunsSpendAndSatisfactionChartsThemAndFiltersByStatusPipelineAndSuite() throws Exception {
        Path chromium = chromium();
        Files.writeString(repo.resolve("README.md"), "a job's repository\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
        // suite greet: judged over the twin (1,000 + 100 tokens of claude-sonnet-4-5, satisfied);
        // suite farewell: one trial of two satisfied
        HarnessGateway farewell = DashboardBrowserTest::halfSatisfied;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse("""
                rules:
                  - reply:
                      text: '{"agrees": true, "reason": "it greeted"}'
                      usage: {input_tokens: 1000, output_tokens: 100}
                """));
                Chromium browser = new Chromium(chromium)) {
            registry.useHarness(new BySuite(new TwinJudgeGateway(twin), farewell));
            Http http = new Http(root.toString());
            String greet = job(http, "greet", 1);
            String bye = job(http, "farewell", 0.4);
            String linear = http.postJson("/pipelines", Map.of("dot", Pipelines.linear("dash_linear", 2),
                    "simulate", true)).json().path("id").asText();
            String gate = http.postJson("/pipelines", Map.of("dot", Pipelines.reviewGate(), "simulate", true)).json()
                    .path("id").asText();
            http.awaitStatus(greet, "succeeded");
            http.awaitStatus(bye, "succeeded");
            http.awaitStatus(linear, "succeeded");
            http.awaitStatus(gate, "waiting");

            browser.navigate(root + "index.html");
            browser.await("document.querySelectorAll('#runs tbody tr').length === 4", 30_000);
            assertThat(cell(browser, greet, "pipeline")).isEqualTo("judged_greet");
            assertThat(cell(browser, greet, "suite")).isEqualTo("greet");
            assertThat(cell(browser, greet, "satisfaction")).isEqualTo("100.0%");
            assertThat(cell(browser, greet, "spend")).isEqualTo("1,100 tokens, $0.0045");
            assertThat(cell(browser, greet, "duration")).matches("\\d+(\\.\\d)? (ms|s)|\\d+ min \\d\\d s");
            assertThat(cell(browser, bye, "satisfaction")).isEqualTo("50.0%");
            assertThat(cell(browser, linear, "pipeline")).isEqualTo("dash_linear");
            assertThat(cell(browser, linear, "satisfaction")).isEmpty();
            assertThat(cell(browser, gate, "pipeline")).isEqualTo("review_gate");

            // the charts: one point per judged run in its suite's line, and today's spend as one bar
            assertThat(browser.eval("[...document.querySelectorAll('#chart-satisfaction g.series')]"
                    + ".map(g => g.dataset.suite + ':' + g.querySelectorAll('circle').length).join()").asText())
                    .isEqualTo("farewell:1,greet:1");
            assertThat(browser.eval("document.querySelector('#chart-satisfaction g.series[data-suite=\"farewell\"]"
                    + " circle title').textContent").asText()).startsWith("farewell: 50.0% (" + bye);
            assertThat(browser.eval("[...document.querySelectorAll('#chart-spend rect.bar')].map(r => r.dataset.day"
                    + " + '=' + r.dataset.cost).join()").asText())
                    .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "=0.004500");
            screenshot(browser, "runs-list.png");

            // choosing a status on the page filters the list and puts the filter in the address
            browser.eval("(() => { const s = document.querySelector('#filters select[name=status]');"
                    + " s.value = 'waiting'; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
            browser.await("document.querySelectorAll('#runs tbody tr').length === 1", 30_000);
            assertThat(rows(browser)).containsExactly(gate);
            assertThat(browser.eval("location.search").asText()).isEqualTo("?status=waiting");

            // an address with filters opens the list filtered, its selects showing them
            browser.navigate(root + "index.html?suite=farewell");
            // guarded: the expression may run while the page loads (no element yet)
            browser.await("(document.querySelector('#filters select[name=suite]') || {}).value === 'farewell'"
                    + " && document.querySelectorAll('#runs tbody tr').length === 1", 30_000);
            assertThat(rows(browser)).containsExactly(bye);
            assertThat(browser.eval("document.querySelectorAll('#chart-satisfaction g.series').length").asInt())
                    .isEqualTo(1);
            browser.navigate(root + "index.html?pipeline=dash_linear&status=succeeded");
            browser.await("(document.querySelector('#filters select[name=pipeline]') || {}).value === 'dash_linear'"
                    + " && document.querySelectorAll('#runs tbody tr').length === 1", 30_000);
            assertThat(rows(browser)).containsExactly(linear);
        } finally {
            registry.useHarness(HoldoutGuard.production(Map.of()));
        }
    }

    @Test
    void theRunPageDrawsTheGraphWithNoHostGraphvizAndRecoloursAStageWhenItCompletes() throws Exception {
        Path chromium = chromium();
        Http http = new Http(root.toString());
        String id = http.postJson("/pipelines", Map.of("dot", Pipelines.reviewGate(), "simulate", true)).json()
                .path("id").asText();
        http.awaitStatus(id, "waiting");
        Http.Reply serverSvg = http.get("/pipelines/" + id + "/graph");
        assertThat(serverSvg.status()).as("this service has no Graphviz").isEqualTo(503);
        try (Chromium browser = new Chromium(chromium)) {
            browser.navigate(root + "run.html?id=" + id);
            browser.await("!!document.querySelector('#graph svg g.node, #graph .error')", 30_000);
            assertThat(browser.eval("document.getElementById('graph').textContent").asText())
                    .doesNotContain("could not be drawn");
            assertThat(browser.eval("[...document.querySelectorAll('#graph svg g.node')].map(g => g.id).sort().join()")
                    .asText()).isEqualTo("node_exit,node_fixes,node_implement,node_review_gate,node_ship_it,node_start");
            browser.await("document.querySelector('#graph g#node_review_gate').classList.contains('state_waiting')",
                    30_000);
            assertThat(fill(browser, "node_review_gate")).isEqualTo(WAITING_FILL);
            assertThat(fill(browser, "node_implement")).isEqualTo(SUCCEEDED_FILL);
            assertThat(fill(browser, "node_ship_it")).isEqualTo("rgb(255, 255, 255)");
            screenshot(browser, "run-page.png");

            // the page is not reloaded: the marker stays, and the gate turns green as its stage completes
            browser.eval("window.notReloaded = true");
            browser.click("button[data-key=\"A\"]");
            browser.await("document.querySelector('#graph g#node_review_gate').classList.contains('state_succeeded')",
                    30_000);
            assertThat(fill(browser, "node_review_gate")).isEqualTo(SUCCEEDED_FILL);
            browser.await("document.querySelector('#graph g#node_ship_it').classList.contains('state_succeeded')",
                    30_000);
            assertThat(browser.eval("window.notReloaded === true").asBoolean()).isTrue();
            http.awaitStatus(id, "succeeded");
        }
    }

    private String job(Http http, String suite, double threshold) {
        String dot = """
                digraph judged_%s {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    judge [type="harness", harness.suite="%s", harness.threshold=%s]
                    start -> judge -> exit
                }
                """.formatted(suite, suite, threshold);
        return http.postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()), "goal", "Greet",
                "dot", dot)).json().path("id").asText();
    }

    private static String cell(Chromium browser, String run, String column) throws Exception {
        return browser.eval("document.querySelector('tr[data-run=\"" + run + "\"] td." + column + "').textContent")
                .asText();
    }

    private static List<String> rows(Chromium browser) throws Exception {
        List<String> ids = new ArrayList<>();
        browser.eval("[...document.querySelectorAll('#runs tbody tr')].map(tr => tr.dataset.run)")
                .forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private static String fill(Chromium browser, String node) throws Exception {
        return browser.eval("getComputedStyle(document.querySelector('#graph g#" + node
                + " > :is(polygon, ellipse)')).fill").asText();
    }

    private static void screenshot(Chromium browser, String name) throws Exception {
        String dir = System.getProperty("nightshift.screenshots");
        if (dir != null && !dir.isBlank()) {
            browser.screenshot(Path.of(dir).resolve(name), 1280, 900);
        }
    }

    private static Path chromium() {
        Optional<Path> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "SKIPPED: chromium is not installed (apt-get install -y chromium); .ci/run installs it in CI");
        return chromium.get();
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    /** One scenario, satisfied in one trial of two. */
    private static DisclosedJudgment halfSatisfied(HarnessCall call, JudgeListener listener) {
        listener.started(call.suite(), "v1", call.commit(), 1, 2);
        DisclosedScenario scenario = new DisclosedScenario("scenario 1", "Says goodbye", "As a user I want a goodbye",
                1, 2, StepKind.EXPECT_OUTPUT, "printed 'bye' once", null, null);
        listener.scenarioJudged(1, scenario);
        double threshold = call.threshold() == null ? 1.0 : call.threshold();
        return new DisclosedJudgment(call.suite(), "v1", call.commit(), Disclosure.HINTS, 1, 2, 0.5, threshold,
                0.5 >= threshold, List.of(scenario), "1 of 2 trials satisfied", 7);
    }

    /** Judges suite greet with one gateway and every other suite with another. */
    private record BySuite(HarnessGateway greet, HarnessGateway others) implements HarnessGateway {
        @Override
        public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) throws Exception {
            return (call.suite().equals("greet") ? greet : others).judge(call, listener);
        }
    }
}
