package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.runtime.harness.FakeGateway;
import io.nightshift.runtime.harness.HoldoutGuard;
import io.nightshift.runtime.service.RunRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holdout judging in the service: satisfaction on {@code GET /pipelines/{id}} and the job result, the harness
 * events on SSE, and the local-holdout refusal for jobs. The gateway is a test double plugged into the registry.
 */
@QuarkusTest
@TestProfile(LocalSandboxTestProfile.class)
class HarnessJobsTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    RunRegistry registry;

    @TempDir
    Path repo;

    private static final String JUDGED = """
            digraph greet {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                build [shape=parallelogram, tool_command="echo hello > greet.txt"]
                judge [type="harness", harness.suite="greet", harness.threshold=0.9]
                start -> build -> judge -> exit
            }
            """;

    @BeforeEach
    void repository() throws Exception {
        Files.writeString(repo.resolve("README.md"), "a job's repository\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
        registry.useHarness(new FakeGateway(call -> FakeGateway.fileAt(call, "greet.txt").equals("hello\n")));
    }

    @AfterEach
    void unplug() {
        registry.useHarness(HoldoutGuard.production(Map.of()));
    }

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private Http http() {
        return new Http(root.toString(), LocalSandboxTestProfile.TOKEN);
    }

    @Test
    void satisfactionIsOnThePipelineStatusTheJobResultAndTheEventStream() throws Exception {
        Http.Reply created = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "Greet", "dot", JUDGED, "sandbox", "local", "allow_local_holdout", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();

        JsonNode job = http().awaitJson("/jobs/" + id, j -> j.path("status").asText().equals("succeeded"),
                Duration.ofSeconds(30));
        assertThat(job.path("run").path("satisfaction").asDouble()).isEqualTo(1.0);
        JsonNode status = http().get("/pipelines/" + id).json();
        assertThat(status.path("satisfaction").asDouble()).isEqualTo(1.0);
        assertThat(status.path("satisfaction_by_suite").path("greet").asDouble()).isEqualTo(1.0);
        try (SseClient sse = SseClient.open(java.net.http.HttpClient.newHttpClient(), root + "pipelines/" + id
                + "/events", null, LocalSandboxTestProfile.TOKEN)) {
            List<String> types = sse.readAll().stream().map(SseClient.Event::type).toList();
            assertThat(types).containsSubsequence("harness_started", "scenario_judged", "harness_completed",
                    "stage_completed", "pipeline_completed");
        }
        assertThat(Files.readString(LocalSandboxTestProfile.RUNS.resolve(id).resolve("harness/1.json")))
                .contains("\"satisfaction\" : 1.0");
    }

    @Test
    void aJobWithHoldoutSuitesOnALocalSandboxIsRefusedWithoutTheFlag() {
        Http.Reply refused = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "Greet", "dot", JUDGED, "sandbox", "local"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("held-out scenarios", "\\\"allow_local_holdout\\\": true");
    }
}
