package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.twin.forge.ForgePullRequest;
import io.nightshift.twin.forge.ForgeTwin;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, end to end on the packaged service: GitHub delivers a signed {@code issues} event for an issue labelled
 * {@code nightshift} on a repository the forge twin serves; the service answers 202 at once, the job clones the
 * event's {@code clone_url}, runs the configured pipeline with the issue as its goal, and opens its pull request
 * on the twin. The same delivery again, and a delivery signed with another secret, start nothing.
 */
class WebhookPullRequestIT {

    private static final String TOKEN = "webhook-it-token";
    private static final String SECRET = "webhook-it-secret";
    private static final String FORGE_TOKEN = "ghp_webhookTwin0Token0abcdef0123456789";

    @TempDir
    Path work;

    private Map<String, String> env(ForgeTwin forge) {
        Map<String, String> env = new HashMap<>(Map.of("NIGHTSHIFT_SERVER_RUNS_DIR", work.resolve("runs").toString(),
                "NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true", "NIGHTSHIFT_SERVER_ALLOW_LOCAL_SANDBOX", "true",
                "NIGHTSHIFT_TOKENS", TOKEN, "NIGHTSHIFT_HOOKS_GITHUB_SECRET", SECRET,
                "NIGHTSHIFT_HOOKS_GITHUB_PIPELINE", "hello", "NIGHTSHIFT_HOOKS_GITHUB_SIMULATE", "true",
                "NIGHTSHIFT_HOOKS_GITHUB_SANDBOX", "local", "NIGHTSHIFT_HOOKS_GITHUB_AUTO_APPROVE", "true"));
        env.put("GITHUB_API_URL", forge.githubApiUrl());
        env.put("GITHUB_TOKEN", FORGE_TOKEN);
        return env;
    }

    @Test
    void aSignedLabelledIssueOpensItsPullRequestOnTheForgeAndAReplayOrABadSignatureStartsNothing() throws Exception {
        Path forgeRoot = servedRepository();
        try (ForgeTwin forge = ForgeTwin.start(forgeRoot, FORGE_TOKEN);
                ServeProcess service = ServeProcess.start(Path.of("").toAbsolutePath(), env(forge)).awaitReady()) {
            Http http = new Http(service.base(), TOKEN);
            String body = Http.JSON.writeValueAsString(Map.of("action", "labeled", "label", Map.of("name", "nightshift"),
                    "issue", Map.of("number", 7, "title", "Greet the world", "body", "Print hello in Python.",
                            "state", "open", "html_url", "https://github.com/acme/app/issues/7",
                            "labels", List.of(Map.of("name", "nightshift"))),
                    "repository", Map.of("full_name", "acme/app", "clone_url", forge.gitUrl("acme/app"))));
            String delivery = UUID.randomUUID().toString();

            Http.Reply forged = deliver(service, delivery, body, "not the secret");
            assertThat(forged.status()).as(forged.body()).isEqualTo(401);

            Http.Reply accepted = deliver(service, delivery, body, SECRET);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().path("id").asText();

            Http.Reply replay = deliver(service, delivery, body, SECRET);
            assertThat(replay.status()).as(replay.body()).isEqualTo(409);

            JsonNode job = http.awaitJson("/jobs/" + id,
                    j -> j.path("status").asText().matches("succeeded|failed|canceled|budget_exhausted|stalled"),
                    Duration.ofMinutes(5));
            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.path("pull_request").path("number").asInt()).isEqualTo(1);
            assertThat(job.path("trigger").path("kind").asText()).isEqualTo("webhook");
            assertThat(job.path("trigger").path("delivery_id").asText()).isEqualTo(delivery);
            assertThat(forge.pullRequests()).singleElement().satisfies(pr -> {
                assertThat(pr).extracting(ForgePullRequest::project, ForgePullRequest::head, ForgePullRequest::base)
                        .containsExactly("acme/app", "nightshift/" + id, "main");
                assertThat(pr.body()).contains("Greet the world");
            });
            List<String> jobs = new ArrayList<>();
            http.get("/pipelines").json().path("runs").forEach(j -> jobs.add(j.path("id").asText()));
            assertThat(jobs).as("the forged and the replayed deliveries started nothing").containsExactly(id);
        }
    }

    private static Http.Reply deliver(ServeProcess service, String delivery, String body, String secret) {
        Http anonymous = new Http(service.base());
        HttpRequest request = anonymous.request("/hooks/github").header("Content-Type", "application/json")
                .header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return anonymous.send(request);
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

    /** {@code <forge>/acme/app.git}: a bare repository with one commit on main. */
    private Path servedRepository() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        Files.writeString(source.resolve("README.md"), "webhook test\n");
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
}
