package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.twin.forge.ForgePullRequest;
import io.nightshift.twin.forge.ForgeTwin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a job delivered as a pull request survives {@code kill -9} of the service twice, once at a human gate in
 * the middle of its pipeline and once while the forge (the GitHub twin, answering slowly) has opened the pull
 * request but not yet answered; after each restart the job goes on, and exactly one pull request exists on the
 * forge, recorded on the job, opened by one POST: none lost, none opened twice, no stage run twice.
 */
class PullRequestRestartIT {

    private static final String TOKEN = "pr-restart-it-token";
    private static final String FORGE_TOKEN = "ghp_prRestartTwin0Token0abcdef01234567";
    private static final String GATE = """
            digraph ship {
                graph [goal="Ship the greeting"]
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [shape=parallelogram, tool_command="echo hello > greet.txt"]
                ask   [shape=hexagon, label="Ship?"]
                start -> work -> ask
                ask -> exit [label="[S] Ship"]
            }
            """;

    @TempDir
    Path work;

    private Map<String, String> env(ForgeTwin forge) {
        Map<String, String> env = new HashMap<>(Map.of("NIGHTSHIFT_SERVER_RUNS_DIR", work.resolve("runs").toString(),
                "NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true", "NIGHTSHIFT_SERVER_MAX_CONCURRENT_RUNS", "1",
                "NIGHTSHIFT_SERVER_ALLOW_LOCAL_SANDBOX", "true", "NIGHTSHIFT_TOKENS", TOKEN));
        env.put("GITHUB_API_URL", forge.githubApiUrl());
        env.put("GITHUB_TOKEN", FORGE_TOKEN);
        return env;
    }

    /** {@code <forge>/acme/app.git}: a bare repository with one commit on main. */
    private Path servedRepository() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Files.writeString(source.resolve("README.md"), "pull request restart test\n");
        git(source, "init", "-q", "-b", "main");
        git(source, "add", "-A");
        git(source, "-c", "user.name=T", "-c", "user.email=t@localhost", "commit", "-q", "-m", "init");
        Path forgeRoot = Files.createDirectories(work.resolve("forge/acme"));
        git(work, "clone", "-q", "--bare", source.toString(), forgeRoot.resolve("app.git").toString());
        return work.resolve("forge");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
    }

    private static void kill(ServeProcess service) throws InterruptedException {
        service.process.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint on the way out
        assertThat(service.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aJobKilledAtItsGateAndAgainWhileTheForgeOpensItsPullRequestEndsWithOnePullRequest() throws Exception {
        Path forgeRoot = servedRepository();
        String id;
        try (ForgeTwin forge = ForgeTwin.start(forgeRoot, FORGE_TOKEN)) {
            try (ServeProcess first = ServeProcess.start(Path.of("").toAbsolutePath(), env(forge)).awaitReady()) {
                Http http = new Http(first.base(), TOKEN);
                Http.Reply r = http.postJson("/jobs", Map.of(
                        "repository", Map.of("url", forge.gitUrl("acme/app"), "ref", "main"),
                        "goal", "Ship the greeting", "dot", GATE, "sandbox", "local", "simulate", true,
                        "deliver", "pull_request", "forge", Map.of("kind", "github", "repository", "acme/app")));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                id = r.json().path("id").asText();
                http.awaitJson("/pipelines/" + id, s -> s.path("status").asText().equals("waiting"),
                        Duration.ofMinutes(3));
                kill(first);
            }
            assertThat(forge.pullRequests()).as("nothing is delivered before the run ends").isEmpty();

            // The forge now answers slowly: the pull request exists while the service still waits for the answer.
            forge.delayAnswers(Duration.ofSeconds(20));
            try (ServeProcess second = ServeProcess.start(Path.of("").toAbsolutePath(), env(forge)).awaitReady()) {
                Http http = new Http(second.base(), TOKEN);
                answerGate(http, id);
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (forge.pullRequests().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(forge.pullRequests()).as(second.out() + second.err()).hasSize(1);
                assertThat(http.get("/jobs/" + id).json().path("pull_request").has("number"))
                        .as("the service has not had the forge's answer yet").isFalse();
                kill(second);
            }

            forge.delayAnswers(Duration.ZERO);
            try (ServeProcess third = ServeProcess.start(Path.of("").toAbsolutePath(), env(forge)).awaitReady()) {
                Http http = new Http(third.base(), TOKEN);
                JsonNode job = http.awaitJson("/jobs/" + id, j -> j.path("pull_request").path("number").asInt() > 0,
                        Duration.ofMinutes(3));
                assertThat(job.path("status").asText()).isEqualTo("succeeded");
                assertThat(job.path("pull_request").path("number").asInt()).isEqualTo(1);
                assertThat(job.path("pull_request").path("url").asText())
                        .isEqualTo(forge.baseUrl() + "/acme/app/pull/1");
            }

            assertThat(forge.pullRequests()).singleElement().satisfies(pr -> {
                assertThat(pr).extracting(ForgePullRequest::project, ForgePullRequest::head, ForgePullRequest::base,
                        ForgePullRequest::draft, ForgePullRequest::state)
                        .containsExactly("acme/app", "nightshift/" + id, "main", false, "open");
                // the job's id is the run's id: it names the pull request's run too
                assertThat(pr.body()).contains("<!-- nightshift run " + id + " -->", "Ship the greeting",
                        "**Ready for review**");
            });
            assertThat(forge.calls()).as("one pull request opened, then found and updated")
                    .filteredOn(c -> c.startsWith("POST /api/v3/repos/acme/app/pulls")).hasSize(1);
            assertThat(forge.calls()).contains("PATCH /api/v3/repos/acme/app/pulls/1 200");
        }
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("runs").resolve(id).resolve("events.jsonl"))) {
            JsonNode e = Http.JSON.readTree(line);
            assertThat(e.path("run_id").asText()).isEqualTo(id);
            events.add(e.path("type").asText() + (e.has("node_id") ? " " + e.path("node_id").asText() : ""));
        }
        assertThat(events).as("every stage ran once, the run ended once")
                .filteredOn(t -> t.startsWith("pipeline_started") || t.startsWith("pipeline_completed")
                        || t.startsWith("stage_started work"))
                .containsExactly("pipeline_started", "stage_started work", "pipeline_completed");
    }

    private static void answerGate(Http http, String id) {
        JsonNode questions = http.awaitJson("/pipelines/" + id + "/questions", q -> q.size() > 0,
                Duration.ofMinutes(3));
        String qid = questions.get(0).path("id").asText();
        assertThat(http.postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "S")).status())
                .isEqualTo(200);
    }
}
