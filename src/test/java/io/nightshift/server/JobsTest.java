package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Job hand-off over HTTP: a repository (path or URL), a goal and a pipeline in; status, the run branch in the
 * source and the deliverables out. The source's own checkout is never touched.
 */
@QuarkusTest
@TestProfile(LocalSandboxTestProfile.class)
class JobsTest {

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path repo;

    private Http http() {
        return new Http(root.toString(), LocalSandboxTestProfile.TOKEN);
    }

    @org.junit.jupiter.api.BeforeEach
    void makeTheRepositoryAGitRepository() throws Exception {
        Files.writeString(repo.resolve("README.md"), "a job's repository\n");
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
    }

    private String git(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    private static String writesMarker() {
        return """
                digraph marker {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    touch [shape=parallelogram, tool_command="echo made-here > marker.txt"]
                    start -> touch -> exit
                }
                """;
    }

    @Test
    void jobRunsInTheRepositoryDirectoryAndLinksItsDeliverablesOnceDone() throws Exception {
        Http.Reply created = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString(), "ref", "main"),
                "goal", "Leave a marker", "dot", writesMarker(), "model", "claude-sonnet-4-5", "sandbox", "local"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).endsWith("/jobs/" + id);

        JsonNode job = http().awaitJson("/jobs/" + id, j -> j.path("status").asText().equals("succeeded"),
                java.time.Duration.ofSeconds(30));
        String branch = git("branch", "--list", "nightshift/*").replace("*", "").strip();
        // one id names the job, its run directory, the engine's run (manifest, events) and its branch
        assertThat(branch).isEqualTo("nightshift/" + id);
        Path runDir = Path.of(job.path("run").path("run_directory").asText());
        assertThat(runDir.getFileName().toString()).isEqualTo(id);
        assertThat(Http.JSON.readTree(runDir.resolve("manifest.json").toFile()).path("run_id").asText()).isEqualTo(id);
        assertThat(Files.readAllLines(runDir.resolve("events.jsonl"))).isNotEmpty()
                .allSatisfy(line -> assertThat(Http.JSON.readTree(line).path("run_id").asText()).isEqualTo(id));
        assertThat(git("show", branch + ":marker.txt").strip()).isEqualTo("made-here");
        assertThat(repo.resolve("marker.txt")).as("the source's checkout stays untouched").doesNotExist();
        assertThat(job.path("repository").asText()).isEqualTo(repo.toString());
        assertThat(job.path("ref").asText()).isEqualTo("main");
        assertThat(job.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(job.path("sandbox").asText()).isEqualTo("local");
        assertThat(job.path("simulated").asBoolean()).isFalse();
        assertThat(http().get("/pipelines/" + id + "/context").json().path("goal").asText())
                .isEqualTo("Leave a marker");

        // the run's workspace layer wrote its deliverables into <run dir>/deliverables/; they are downloadable
        JsonNode deliverables = job.path("deliverables");
        assertThat(deliverables.path("changes.patch").asText()).isEqualTo("/jobs/" + id + "/deliverables/changes.patch");
        assertThat(deliverables.path("summary.md").asText()).isEqualTo("/jobs/" + id + "/deliverables/summary.md");
        Http.Reply patch = http().get("/jobs/" + id + "/deliverables/changes.patch");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.body()).contains("touch: touch", "+made-here");
        assertThat(http().get("/jobs/" + id + "/deliverables/summary.md").body()).contains("touch: touch");
        assertThat(http().get("/jobs/" + id + "/deliverables/missing.txt").status()).isEqualTo(404);
        assertThat(http().get("/jobs/" + id + "/deliverables/..%2Fpipeline.dot").status()).isEqualTo(404);
    }

    @Test
    void shippedPipelineIsFoundByName() {
        Http.Reply created = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "Say hello", "pipeline", "hello", "sandbox", "docker", "simulate", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode job = http().awaitJson("/jobs/" + created.json().path("id").asText(),
                j -> j.path("status").asText().equals("succeeded"), java.time.Duration.ofSeconds(30));
        assertThat(job.path("pipeline").asText()).isEqualTo("hello.dot");
        assertThat(job.path("run").path("completed_nodes").toString()).contains("plan", "implement", "check", "review");
        // simulation is an explicit opt-in and says so; the sandbox is reported as the one the run used
        assertThat(job.path("sandbox").asText()).isEqualTo("docker");
        assertThat(job.path("simulated").asBoolean()).isTrue();
        assertThat(job.path("run").path("simulated").asBoolean()).isTrue();
    }

    @Test
    void unusableJobsAreRefusedWithTheReason() {
        Http.Reply unreachable = http().postJson("/jobs", Map.of("repository",
                Map.of("url", "file://" + repo.resolve("no-such-repo")), "goal", "g", "pipeline", "hello",
                "simulate", true));
        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(201);
        JsonNode failed = http().awaitJson("/jobs/" + unreachable.json().path("id").asText(),
                j -> j.path("status").asText().equals("failed"), java.time.Duration.ofSeconds(30));
        assertThat(failed.toString()).contains("no-such-repo");

        Http.Reply unknown = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "g", "pipeline", "no-such"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").asText()).contains("hello", "review-gate");

        Http.Reply noGoal = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "pipeline", "hello"));
        assertThat(noGoal.status()).isEqualTo(400);
        assertThat(noGoal.json().path("error").asText()).contains("goal");

        Http.Reply missingDir = http().postJson("/jobs", Map.of("repository",
                Map.of("path", repo.resolve("absent").toString()), "goal", "g", "pipeline", "hello"));
        assertThat(missingDir.status()).isEqualTo(400);

        Http.Reply invalid = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "g", "dot", "digraph g { a -> b }"));
        Http.Reply unknownModel = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "g", "pipeline", "hello", "model", "gpt-2", "simulate", true));
        assertThat(unknownModel.status()).isEqualTo(400);
        assertThat(unknownModel.json().path("error").asText()).contains("unknown model 'gpt-2'", "claude-sonnet-4-5");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("diagnostics").isArray()).isTrue();
    }

    @Test
    void unknownJobsAnswer404() {
        assertThat(http().get("/jobs/no-such-job").status()).isEqualTo(404);
        String pipelineRun = http().postJson("/pipelines", Map.of("dot", Pipelines.linear("notajob", 1), "simulate", true)).json()
                .path("id").asText();
        assertThat(http().get("/jobs/" + pipelineRun).status()).isEqualTo(404);
    }
}
