package io.nightshift.harness.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.ScenarioResult;
import io.nightshift.harness.StepKind;
import io.nightshift.harness.Suite;
import io.nightshift.harness.TrialResult;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twins in the Docker judge: each trial's twins run in containers of their own on an internal network with the
 * judge container, reachable as {@code http://payments:8080} through {@code PAYMENTS_BASE_URL}, nothing else
 * reachable; every container and network of the judgment is gone afterwards.
 */
@Tag("docker")
class DockerJudgeTwinsTest {

    static DockerEngine engine;

    @TempDir
    Path tmp;

    final String runId = "twins-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @Test
    void theProgramReachesItsTwinByNameAndOnlyItAndARequestNeverMadeFailsClearly() throws Exception {
        Suite suite = TwinSuites.suite(tmp.resolve("suite"));
        Path repo = TwinSuites.program(tmp.resolve("repo"));
        // the dev image has curl for the program; the twins run in the scenario store image whatever the judge's is
        DockerJudge judge = new DockerJudge(engine, SandboxPolicy.DEFAULTS.withImage("nightshift/sandbox-dev:current"));

        Judgment j = judge.judge(JudgeRequest.of(suite, repo, "HEAD").withParallelism(2).withRunId(runId), null);

        assertThat(satisfied(j.scenarios().get(0))).as("the program's charge reached the twin").isTrue();
        assertThat(satisfied(j.scenarios().get(1))).as("the injected 503 reached the program").isTrue();
        assertThat(satisfied(j.scenarios().get(2))).as("nothing outside the judge's network is reachable").isTrue();
        ScenarioResult refund = j.scenarios().get(3);
        assertThat(refund.satisfiedTrials()).isZero();
        TrialResult failed = refund.trials().get(0);
        assertThat(failed.judgeError()).isFalse();
        assertThat(failed.failedKind()).isEqualTo(StepKind.EXPECT_TWIN_REQUEST);
        assertThat(failed.reason()).isEqualTo("the program never sent POST /v1/refunds to the \"payments\" twin");
        assertThat(failed.observed()).contains("POST /v1/charges -> 201");

        assertThat(docker("ps", "-aq", "--filter", "label=io.nightshift.run=" + runId)).as("containers left").isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", "label=io.nightshift.run=" + runId))
                .as("networks left").isBlank();
    }

    private static boolean satisfied(ScenarioResult s) {
        return s.satisfiedTrials() == s.trials().size() && !s.trials().isEmpty();
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.strip();
    }
}
