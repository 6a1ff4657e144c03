package io.nightshift.harness.judge;

import static io.nightshift.harness.Scenarios.exitCode;
import static io.nightshift.harness.Scenarios.http;
import static io.nightshift.harness.Scenarios.run;
import static io.nightshift.harness.Scenarios.scenario;
import static io.nightshift.harness.Scenarios.service;
import static io.nightshift.harness.Scenarios.status;
import static io.nightshift.harness.Scenarios.stdout;
import static io.nightshift.harness.Scenarios.suite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeException;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.JudgmentJson;
import io.nightshift.harness.Scenarios;
import io.nightshift.harness.StepAction.Match;
import io.nightshift.harness.StepKind;
import io.nightshift.harness.Suite;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judging in fresh judge containers against the real engine. */
@Tag("docker")
class DockerJudgeTest {

    static DockerEngine engine;
    static DockerJudge judge;

    @TempDir
    Path tmp;

    final String runId = "judge-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
        judge = new DockerJudge(engine, SandboxPolicy.DEFAULTS);
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    private Judgment judge(Suite suite, Path repo, int parallelism) {
        return judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(parallelism).withRunId(runId), null);
    }

    @Test
    void aSatisfiedAndAnUnsatisfiedScenarioGiveTheirTrialCountsAndNoContainerIsLeft() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "hello from the judge");
        Suite suite = suite("greeter", 2, Disclosure.HINTS,
                scenario("greets", run("./app.sh"), exitCode(0), stdout(Match.EQUALS, "hello from the judge")),
                scenario("fails", run("./app.sh; exit 4"), exitCode(0)));

        Judgment j = judge(suite, repo, 4);

        assertThat(j.totalTrials()).isEqualTo(4);
        assertThat(j.scenarios().get(0).satisfiedTrials()).isEqualTo(2);
        assertThat(j.scenarios().get(1).satisfiedTrials()).isZero();
        assertThat(j.scenarios().get(1).trials().get(0).failedKind()).isEqualTo(StepKind.EXPECT_EXIT_CODE);
        assertThat(j.scenarios().get(1).trials().get(0).observed()).contains("exit code 4", "hello from the judge");
        assertThat(j.satisfaction()).isEqualTo(0.5);
        assertThat(containers()).as("judge containers of this run after judging").isEmpty();
    }

    @Test
    void judgeContainersAreHardenedLabelledMountOnlyTheirSnapshotAndAreRemoved() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "x");
        Suite suite = suite("watched", 1, Disclosure.HINTS, scenario("slow", run("sleep 3"), exitCode(0)));
        Map<String, JsonNode> seen = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                for (String id : containers()) {
                    seen.computeIfAbsent(id, DockerJudgeTest::inspect);
                }
                sleep(100);
            }
        });
        watcher.start();
        try {
            assertThat(judge(suite, repo, 1).satisfiedTrials()).isEqualTo(1);
        } finally {
            done.set(true);
            watcher.join();
        }
        assertThat(seen).hasSize(1);
        JsonNode c = seen.values().iterator().next();
        assertThat(c.at("/Config/Labels/io.nightshift.role").asText()).isEqualTo("judge");
        assertThat(c.at("/HostConfig/NetworkMode").asText()).isEqualTo("none");
        assertThat(c.at("/HostConfig/ReadonlyRootfs").asBoolean()).isTrue();
        assertThat(c.at("/HostConfig/CapDrop").toString()).contains("ALL");
        assertThat(c.at("/HostConfig/SecurityOpt").toString()).contains("no-new-privileges");
        assertThat(c.at("/Config/User").asText()).isNotIn("", "0", "root", "0:0");
        JsonNode mounts = c.at("/Mounts");
        assertThat(mounts.size()).as(mounts.toString()).isEqualTo(1);
        assertThat(mounts.get(0).get("Destination").asText()).isEqualTo("/workspace");
        assertThat(mounts.get(0).get("Source").asText()).doesNotStartWith(repo.toString()).contains("nightshift-judge-");
        assertThat(containers()).isEmpty();
    }

    @Test
    void insideAJudgeContainerThereIsOnlyLoopbackAndNoGitHistory() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "x");
        int port = 8765;
        Files.writeString(repo.resolve("server.py"), Scenarios.ECHO_SERVER);
        Repos.git(repo, "add", "-A");
        Repos.git(repo, "commit", "-q", "-m", "server");
        Suite suite = suite("net", 1, Disclosure.HINTS,
                scenario("loopback only", run("ls /sys/class/net"), stdout(Match.EQUALS, "lo"),
                        run("curl -sS --max-time 3 http://1.1.1.1/ || exit 7"), exitCode(7),
                        run("test -e .git || test -e /var/run/docker.sock"), exitCode(1),
                        service("python3 server.py " + port, port), http("GET", "/ping", Map.of(), null), status(200)));

        Judgment j = judge(suite, repo, 1);

        assertThat(j.satisfiedTrials()).as(JudgmentJson.write(j)).isEqualTo(1);
    }

    @Test
    void trialsNeverSeeEachOthersLeftoversAndTheLiveChangesAreNotJudged() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "committed");
        Repos.writeApp(repo, "live and uncommitted");
        Suite suite = suite("iso", 3, Disclosure.HINTS, scenario("fresh",
                run("test ! -e leftover && test ! -e /tmp/leftover && touch leftover /tmp/leftover && sleep 1"),
                exitCode(0), run("./app.sh"), stdout(Match.EQUALS, "committed")));

        Judgment j = judge(suite, repo, 3);

        assertThat(j.satisfiedTrials()).as(JudgmentJson.write(j)).isEqualTo(3);
        assertThat(repo.resolve("leftover")).doesNotExist();
    }

    @Test
    void interruptingTheJudgeRemovesTheContainersOfTrialsStillRunning() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "x");
        Suite suite = suite("long", 2, Disclosure.HINTS, scenario("hangs", run("sleep 60"), exitCode(0)));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread judging = new Thread(() -> {
            try {
                judge(suite, repo, 2);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        judging.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (containers().size() < 2 && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        assertThat(containers()).hasSize(2);
        judging.interrupt();
        judging.join(30_000);
        assertThat(judging.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(JudgeException.class).hasMessageContaining("interrupted");
        assertThat(containers()).isEmpty();
    }

    @Test
    void aMissingImageIsRefusedBeforeAnyTrialSayingHowToBuildIt() throws Exception {
        Path repo = Repos.app(tmp.resolve("repo"), "x");
        Suite suite = suite("s", 1, Disclosure.HINTS, scenario("a", run("true")));
        assertThatThrownBy(() -> judge.judge(JudgeRequest.of(suite, repo, "HEAD").withImage("nightshift/no-such:image"),
                null)).isInstanceOf(JudgeException.class).hasMessageContaining("nightshift/no-such:image");
    }

    /** Ids of containers, running or not, labelled with this test's run. */
    private List<String> containers() {
        String out = docker("ps", "-aq", "--filter", "label=io.nightshift.run=" + runId);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    private static JsonNode inspect(String id) {
        try {
            JsonNode all = new ObjectMapper().readTree(docker("inspect", id));
            return all == null || all.isEmpty() ? null : all.get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String docker(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
