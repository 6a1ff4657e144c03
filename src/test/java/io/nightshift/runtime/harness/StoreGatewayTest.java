package io.nightshift.runtime.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgmentJson;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.store.DockerScenarioStore;
import io.nightshift.llm.CancellationToken;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production gateway against the real store and judges: what runs get back, and what the store keeps. */
@Tag("docker")
class StoreGatewayTest {

    private static final String CHECK = "cat greeting.txt";

    @TempDir
    Path repo;

    private final String suite = "gateway-" + Long.toHexString(System.nanoTime());
    private DockerEngine engine;
    private DockerScenarioStore store;
    private StoreGateway gateway;

    @BeforeEach
    void connect() {
        engine = DockerEngine.connect();
        store = new DockerScenarioStore(engine);
        gateway = new StoreGateway(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    }

    @AfterEach
    void close() {
        store.remove(suite);
        gateway.close();
        engine.close();
    }

    @Test
    void anUnknownSuiteIsRefusedUpFrontAndAnImportedOneIsAccepted() {
        assertThat(gateway.refusal(Set.of(suite))).hasValueSatisfying(why -> assertThat(why)
                .contains("no suite '" + suite + "'").contains("nightshift scenarios import DIR --suite " + suite));

        importSuite();

        assertThat(gateway.refusal(Set.of(suite))).isEmpty();
    }

    @Test
    void judgesTheCommitInJudgeContainersKeepsTheFullRecordInTheStoreAndLetsOutOnlyTheDisclosedJudgment()
            throws Exception {
        importSuite();
        String right = commit("hello, operator\n");
        String wrong = commit("good bye\n");
        List<Integer> judged = new ArrayList<>();
        JudgeListener listener = new JudgeListener() {
            @Override
            public void scenarioJudged(int index, io.nightshift.harness.DisclosedScenario scenario) {
                judged.add(index);
            }
        };

        DisclosedJudgment pass = gateway.judge(call(right, SandboxPolicy.DEFAULT_IMAGE), listener);
        DisclosedJudgment fail = gateway.judge(call(wrong, null), JudgeListener.NONE);

        assertThat(pass.satisfaction()).isEqualTo(1.0);
        assertThat(pass.reached()).isTrue();
        assertThat(judged).hasSize(1);
        assertThat(fail.satisfaction()).isEqualTo(0.0);
        assertThat(fail.commit()).isEqualTo(wrong);
        assertThat(fail.feedback()).contains("Greets the operator").contains("good bye").doesNotContain(CHECK)
                .doesNotContain("hello, operator");
        assertThat(JudgmentJson.write(fail)).doesNotContain(CHECK).doesNotContain("hello, operator");
        List<String> records = store.judgments(suite);
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> assertThat(r).contains(CHECK));
    }

    @Test
    void repeatedFeedbackRoundsPushAScenarioPastItsExposureLimitAndItIsWithheldButStillJudged() throws Exception {
        store.importSuite(suite, new SuiteFiles(Map.of(
                "suite.yaml", "name: " + suite + "\nmax_exposure: 2\n",
                "greeting.feature", """
                        Feature: Greeting
                          As an operator I want to be greeted

                          Scenario: Greets the operator
                            When I run "%s"
                            Then stdout contains "hello, operator"
                        """.formatted(CHECK))));
        String wrong = commit("good bye\n");

        DisclosedJudgment operator = gateway.judge(call(wrong, null), 1, JudgeListener.NONE);
        DisclosedJudgment first = gateway.judge(call(wrong, null), JudgeListener.NONE);
        DisclosedJudgment second = gateway.judge(call(wrong, null), JudgeListener.NONE);
        DisclosedJudgment third = gateway.judge(call(wrong, null), JudgeListener.NONE);

        assertThat(operator.feedback()).as("nightshift judge shows the operator; no agent").contains("Greets the operator");
        assertThat(first.feedback()).contains("Greets the operator").contains("good bye");
        assertThat(second.feedback()).contains("Greets the operator");
        assertThat(third.scenarios()).singleElement().satisfies(s -> {
            assertThat(s.withheld()).isTrue();
            assertThat(s.title()).isNull();
            assertThat(s.observed()).isNull();
            assertThat(s.trials()).isEqualTo(1);
        });
        assertThat(third.feedback()).doesNotContain("Greets the operator").doesNotContain("good bye")
                .contains("only their counts are shared");
        assertThat(third.totalTrials()).as("still judged").isEqualTo(1);

        List<String> records = store.judgments(suite);
        assertThat(records).hasSize(4);
        Map<String, io.nightshift.harness.ExposureLedger.Exposure> exposure =
                io.nightshift.harness.ExposureLedger.exposure(records);
        assertThat(exposure.get("Greets the operator").count()).isEqualTo(2);
        assertThat(exposure.get("Greets the operator").kinds()).contains("title", "story", "observed");
        assertThat(records.get(0)).contains("\"to\": null");
        assertThat(records.get(3)).contains("\"withheld\": true").contains("\"to\": \"gw-test/judge\"");
        io.nightshift.harness.Suite loaded = new io.nightshift.harness.suite.SuiteLoader()
                .load(store.files(suite).orElseThrow());
        assertThat(io.nightshift.harness.ExposureLedger.dueForRotation(loaded, exposure))
                .containsExactly("Greets the operator");
    }

    private HarnessCall call(String commit, String image) {
        return new HarnessCall("gw-test", "judge", suite, repo, commit, null, null, image, new CancellationToken());
    }

    private void importSuite() {
        store.importSuite(suite, new SuiteFiles(Map.of(
                "suite.yaml", "name: " + suite + "\n",
                "greeting.feature", """
                        Feature: Greeting
                          As an operator I want to be greeted

                          Scenario: Greets the operator
                            When I run "%s"
                            Then stdout contains "hello, operator"
                        """.formatted(CHECK))));
    }

    private String commit(String greeting) throws Exception {
        if (!Files.exists(repo.resolve(".git"))) {
            git("init", "-q", "-b", "main");
        }
        Files.writeString(repo.resolve("greeting.txt"), greeting);
        git("add", "-A");
        git("-c", "user.name=T", "-c", "user.email=t@localhost", "commit", "-q", "-m", greeting.strip());
        return git("rev-parse", "HEAD").strip();
    }

    private String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
