package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the service is killed with SIGKILL while one job runs and two wait; after a restart the queued jobs are
 * still queued in their order, the running one resumes from its checkpoint, and every job ends exactly once.
 */
class QueueRestartIT {

    private static final String TOKEN = "queue-it-token";
    private static final String GATE = """
            digraph gate {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [shape=parallelogram, tool_command="echo work >> work.txt"]
                ask   [shape=hexagon, label="Ship?"]
                start -> work -> ask
                ask -> exit [label="[S] Ship"]
            }
            """;

    @TempDir
    Path work;

    private Map<String, String> env() {
        return Map.of("NIGHTSHIFT_SERVER_RUNS_DIR", work.resolve("runs").toString(),
                "NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true", "NIGHTSHIFT_SERVER_MAX_CONCURRENT_RUNS", "1",
                "NIGHTSHIFT_SERVER_ALLOW_LOCAL_SANDBOX", "true", "NIGHTSHIFT_TOKENS", TOKEN);
    }

    private Path repository() throws Exception {
        Path repo = Files.createDirectories(work.resolve("repo"));
        Files.writeString(repo.resolve("README.md"), "queue test\n");
        for (String[] args : List.of(new String[] {"init", "-q", "-b", "main"}, new String[] {"add", "-A"},
                new String[] {"-c", "user.name=T", "-c", "user.email=t@localhost", "commit", "-q", "-m", "init"})) {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(args));
            assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
        }
        return repo;
    }

    private static String status(Http http, String id) {
        return http.get("/jobs/" + id).json().path("status").asText();
    }

    private static void answerGate(Http http, String id) {
        JsonNode questions = http.awaitJson("/pipelines/" + id + "/questions", q -> q.size() > 0,
                Duration.ofMinutes(3));
        String qid = questions.get(0).path("id").asText();
        assertThat(http.postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "S")).status())
                .isEqualTo(200);
    }

    @Test
    void killedServiceKeepsItsQueueAndResumesItsRunningJobEndingEachJobOnce() throws Exception {
        Path repo = repository();
        List<String> ids = new ArrayList<>();
        try (ServeProcess first = ServeProcess.start(Path.of("").toAbsolutePath(), env()).awaitReady()) {
            Http http = new Http(first.base(), TOKEN);
            for (int i = 0; i < 3; i++) {
                Http.Reply r = http.postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                        "goal", "job " + i, "dot", GATE, "sandbox", "local", "simulate", true));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                ids.add(r.json().path("id").asText());
            }
            http.awaitJson("/pipelines/" + ids.get(0), s -> s.path("status").asText().equals("waiting"),
                    Duration.ofMinutes(3));
            assertThat(status(http, ids.get(0))).isEqualTo("running");
            assertThat(status(http, ids.get(1))).isEqualTo("queued");
            assertThat(status(http, ids.get(2))).isEqualTo("queued");
            first.process.destroyForcibly();
            assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (ServeProcess second = ServeProcess.start(Path.of("").toAbsolutePath(), env()).awaitReady()) {
            Http http = new Http(second.base(), TOKEN);
            http.awaitJson("/pipelines/" + ids.get(0), s -> s.path("status").asText().equals("waiting"),
                    Duration.ofMinutes(3));
            assertThat(status(http, ids.get(1))).isEqualTo("queued");
            assertThat(status(http, ids.get(2))).isEqualTo("queued");
            answerGate(http, ids.get(0));
            // admission in order: the second job runs while the third still waits its turn
            http.awaitJson("/pipelines/" + ids.get(1), s -> s.path("status").asText().equals("waiting"),
                    Duration.ofMinutes(3));
            assertThat(status(http, ids.get(2))).isEqualTo("queued");
            answerGate(http, ids.get(1));
            answerGate(http, ids.get(2));
            for (String id : ids) {
                JsonNode done = http.awaitJson("/jobs/" + id, s -> s.path("status").asText().equals("succeeded"),
                        Duration.ofMinutes(3));
                assertThat(done.path("deliverables").has("changes.patch")).as(done.toString()).isTrue();
            }
        }
        for (String id : ids) {
            Path dir = work.resolve("runs").resolve(id);
            List<String> types = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("events.jsonl"))) {
                types.add(Http.JSON.readTree(line).path("type").asText());
            }
            assertThat(types).as(id).filteredOn(t -> t.startsWith("pipeline_") && !t.equals("pipeline_started")
                    && !t.equals("pipeline_resumed")).containsExactly("pipeline_completed");
            assertThat(types).as(id).filteredOn("pipeline_started"::equals).hasSize(1);
        }
        assertThat(Files.readAllLines(work.resolve("runs").resolve(ids.get(0)).resolve("events.jsonl")))
                .anyMatch(l -> l.contains("\"pipeline_resumed\""));
    }
}
