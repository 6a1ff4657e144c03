package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's triggers over HTTP: {@code POST /hooks/github} takes GitHub's signed deliveries without a bearer token
 * (202 with the job, 200 for what starts none, 401 for a bad signature, 409 for a replay), and every run tells what
 * started it in {@code GET /jobs/{id}} and {@code GET /pipelines/{id}}; a configured schedule is running.
 */
@QuarkusTest
@TestProfile(TriggersTestProfile.class)
class TriggersTest {

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void makeTheRepositoryAGitRepository() throws Exception {
        Path repo = TriggersTestProfile.REPO;
        Files.writeString(repo.resolve("README.md"), "an issue's repository\n");
        run(repo, "git", "init", "-q", "-b", "main");
        run(repo, "git", "add", "-A");
        run(repo, "git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
    }

    private Http http() {
        return new Http(root.toString(), TriggersTestProfile.TOKEN);
    }

    private Http.Reply deliver(String event, String delivery, String body, String secret) {
        Http anonymous = new Http(root.toString());
        HttpRequest.Builder request = anonymous.request("/hooks/github").header("Content-Type", "application/json")
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Hub-Signature-256", sign(secret, body));
        }
        return anonymous.send(request.build());
    }

    private static String issue(String action, String label) throws Exception {
        return Http.JSON.writeValueAsString(Map.of("action", action, "label", Map.of("name", label),
                "issue", Map.of("number", 3, "title", "Say hello", "body", "Print hello in Python.", "state", "open",
                        "html_url", "https://github.com/team/app/issues/3", "labels", List.of(Map.of("name", label))),
                "repository", Map.of("full_name", "team/app",
                        "clone_url", TriggersTestProfile.REPO.toUri().toString())));
    }

    @Test
    void aSignedLabelledIssueIsQueuedAsAJobThatTellsWhatStartedIt() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = issue("labeled", "nightshift");

        Http.Reply accepted = deliver("issues", delivery, body, TriggersTestProfile.SECRET);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().path("id").asText();
        assertThat(accepted.json().path("status_url").asText()).isEqualTo("/jobs/" + id);
        JsonNode job = http().awaitJson("/jobs/" + id, j -> j.path("status").asText().equals("succeeded"),
                Duration.ofSeconds(120));
        assertThat(job.path("goal").asText()).isEqualTo("Say hello\n\nPrint hello in Python.");
        assertThat(job.path("trigger")).isEqualTo(Http.JSON.readTree("""
                {"kind": "webhook", "delivery_id": "%s", "issue_url": "https://github.com/team/app/issues/3"}
                """.formatted(delivery)));
        assertThat(http().get("/pipelines/" + id).json().path("trigger").path("delivery_id").asText())
                .isEqualTo(delivery);

        Http.Reply replay = deliver("issues", delivery, body, TriggersTestProfile.SECRET);
        assertThat(replay.status()).as(replay.body()).isEqualTo(409);
        assertThat(replay.json().path("id").asText()).isEqualTo(id);
        assertThat(replay.json().path("error").asText()).contains("a replay starts no job");
    }

    @Test
    void aBadSignatureIsRefusedAndStartsNothing() throws Exception {
        int before = http().get("/pipelines").json().size();
        String body = issue("labeled", "nightshift");

        Http.Reply wrong = deliver("issues", UUID.randomUUID().toString(), body, "not-the-secret");
        Http.Reply missing = deliver("issues", UUID.randomUUID().toString(), body, null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).contains("X-Hub-Signature-256 is wrong");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("error").asText()).contains("X-Hub-Signature-256 is missing");
        assertThat(http().get("/pipelines").json().size()).isEqualTo(before);
    }

    @Test
    void otherLabelsAndEventsAreAnsweredWithWhyNothingStarted() throws Exception {
        Http.Reply bug = deliver("issues", UUID.randomUUID().toString(), issue("labeled", "bug"),
                TriggersTestProfile.SECRET);
        Http.Reply push = deliver("push", UUID.randomUUID().toString(), "{}", TriggersTestProfile.SECRET);

        assertThat(bug.status()).isEqualTo(200);
        assertThat(bug.json().path("ignored").asText()).contains("not labelled 'nightshift'");
        assertThat(push.status()).isEqualTo(200);
        assertThat(push.json().path("ignored").asText()).contains("event 'push' starts no job");
    }

    @Test
    void aJobPostedToTheApiSaysSoAndTheScheduleIsCounting() throws Exception {
        Http.Reply created = http().postJson("/jobs", Map.of("repository", Map.of("path",
                TriggersTestProfile.REPO.toString()), "goal", "Say hello", "pipeline", "hello", "simulate", true,
                "sandbox", "local"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        JsonNode job = http().awaitJson("/jobs/" + id, j -> j.path("run").path("finished_at").isTextual(),
                Duration.ofSeconds(120));
        assertThat(job.path("trigger").path("kind").asText()).isEqualTo("api");

        Path state = TriggersTestProfile.RUNS.resolve(".triggers/schedules/hourly.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(state) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(state)).as("the configured schedule was read and ticked")
                .contains("\"schedule\":\"hourly\"");
    }

    private static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
