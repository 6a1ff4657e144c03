package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.event.Trigger;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.twin.forge.ForgeTwin;
import io.nightshift.workspace.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's webhook trigger without HTTP: a signed issue event labelled {@code nightshift} becomes a job on the
 * event's repository (served here by the forge twin, which receives its pull request); bad signatures, other labels
 * and replayed deliveries start nothing, and replays stay refused after a restart.
 */
class GitHubWebhookTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final String TOKEN = "ghp_forgeTwin0Token0abcdef0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = """
            digraph marker {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                touch [shape=parallelogram, tool_command="echo made-here > marker.txt"]
                start -> touch -> exit
            }
            """;

    @TempDir
    Path tmp;

    private Path pipelines;

    @BeforeEach
    void shipAMarkerPipeline() throws Exception {
        pipelines = Files.createDirectories(tmp.resolve("pipelines"));
        Files.writeString(pipelines.resolve("marker.dot"), MARKER);
    }

    static byte[] issueEvent(String action, String label, List<String> issueLabels, String cloneUrl, String fullName)
            throws Exception {
        Map<String, Object> event = new HashMap<>();
        event.put("action", action);
        if (label != null) {
            event.put("label", Map.of("name", label));
        }
        event.put("issue", Map.of("number", 7, "title", "Leave a marker", "body", "Write marker.txt at the root.",
                "state", "open", "html_url", "https://github.com/" + fullName + "/issues/7",
                "labels", issueLabels.stream().map(n -> Map.of("name", n)).toList()));
        event.put("repository", Map.of("full_name", fullName, "clone_url", cloneUrl));
        return JSON.writeValueAsBytes(event);
    }

    private GitHubWebhook webhook(RunRegistry registry, String pipeline, String deliver) {
        GitHubHookSettings settings = new GitHubHookSettings(SECRET, null, pipeline, deliver, "local", null, null,
                true, true, "github", List.of());
        return new GitHubWebhook(settings, new JobIntake(pipelines), new SubmissionGate(true, Map.of(),
                new PipelineLoader()), registry, new TriggerStore(tmp.resolve("runs")), Clock.systemUTC());
    }

    private RunRegistry registry(Map<String, String> env) {
        return new RunRegistry(tmp.resolve("runs"), new PipelineLoader(), env, e -> { }, 1, 64, true);
    }

    @Test
    void aSignedLabelledIssueBecomesAJobWhosePullRequestTheForgeOpens() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("README.md"), "an issue's repository\n");
        git(source, "init", "-q", "-b", "main");
        git(source, "add", "-A");
        git(source, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "initial");
        git(tmp, "clone", "-q", "--bare", source.toString(), tmp.resolve("forge/team/app.git").toString());
        try (ForgeTwin forge = ForgeTwin.start(tmp.resolve("forge"), TOKEN)) {
            Map<String, String> env = new HashMap<>(forge.environment());
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            try (RunRegistry registry = registry(env)) {
                byte[] body = issueEvent("labeled", "nightshift", List.of("bug", "nightshift"),
                        forge.gitUrl("team/app"), "team/app");

                HookOutcome outcome = webhook(registry, "marker", "pull_request").receive("issues", "d-1",
                        GitHubSignature.sign(SECRET, body), body);

                assertThat(outcome).isInstanceOf(HookOutcome.Accepted.class);
                ManagedRun run = registry.get(((HookOutcome.Accepted) outcome).runId());
                assertThat(run.submission().goal()).isEqualTo("Leave a marker\n\nWrite marker.txt at the root.");
                assertThat(run.submission().repository()).isEqualTo(forge.gitUrl("team/app"));
                assertThat(run.submission().trigger())
                        .isEqualTo(Trigger.webhook("d-1", "https://github.com/team/app/issues/7"));
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!run.state().terminal() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(run.state()).as(String.valueOf(run.snapshot().failure())).isEqualTo(RunState.SUCCEEDED);
                assertThat(forge.pullRequests()).singleElement().satisfies(pr -> {
                    assertThat(pr.forge()).isEqualTo("github");
                    assertThat(pr.project()).isEqualTo("team/app");
                    assertThat(pr.head()).startsWith("nightshift/");
                    assertThat(pr.title()).as("the issue is the goal").isEqualTo("Nightshift: Leave a marker");
                    assertThat(pr.body()).contains("## Goal\n\nLeave a marker\n\nWrite marker.txt at the root.");
                });
                assertThat(Files.readString(run.dir().resolve(RunRegistry.SUBMISSION)))
                        .as("the trigger is kept for a restart").contains("\"kind\":\"webhook\"", "d-1");
                assertThat(Files.readString(run.dir().resolve("events.jsonl")).lines()
                        .filter(l -> l.contains("\"pipeline_started\"")).findFirst().orElseThrow())
                        .contains("\"trigger\":{\"kind\":\"webhook\",\"delivery_id\":\"d-1\","
                                + "\"issue_url\":\"https://github.com/team/app/issues/7\"}");
            }
        }
    }

    @Test
    void badOrMissingSignaturesAndAServiceWithoutSecretStartNothing() throws Exception {
        byte[] body = issueEvent("labeled", "nightshift", List.of("nightshift"), "https://example.test/a.git", "o/a");
        try (RunRegistry registry = registry(Map.of())) {
            GitHubWebhook hook = webhook(registry, "marker", "branch");
            assertThat(hook.receive("issues", "d-2", GitHubSignature.sign("another secret", body), body))
                    .isInstanceOf(HookOutcome.Unauthorized.class);
            assertThat(hook.receive("issues", "d-2", null, body)).isInstanceOf(HookOutcome.Unauthorized.class);
            byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("o/a", "o/b")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(hook.receive("issues", "d-2", GitHubSignature.sign(SECRET, body), tampered))
                    .as("the signature covers the body").isInstanceOf(HookOutcome.Unauthorized.class);
            GitHubWebhook off = new GitHubWebhook(new GitHubHookSettings(null, null, null, null, null, null, null,
                    false, false, null, null), new JobIntake(pipelines), new SubmissionGate(true, Map.of(),
                    new PipelineLoader()), registry, new TriggerStore(tmp.resolve("runs")), Clock.systemUTC());
            assertThat(off.receive("issues", "d-2", GitHubSignature.sign("any", body), body))
                    .isInstanceOfSatisfying(HookOutcome.Unauthorized.class,
                            u -> assertThat(u.message()).contains("nightshift.hooks.github.secret"));
            assertThat(registry.list()).isEmpty();
        }
    }

    @Test
    void onlyTheConfiguredLabelStartsAJob() throws Exception {
        try (RunRegistry registry = registry(Map.of())) {
            GitHubWebhook hook = webhook(registry, "marker", "branch");
            byte[] otherLabel = issueEvent("labeled", "bug", List.of("bug", "nightshift"), "https://e.test/a.git",
                    "o/a");
            byte[] openedWithout = issueEvent("opened", null, List.of("bug"), "https://e.test/a.git", "o/a");
            byte[] edited = issueEvent("edited", null, List.of("nightshift"), "https://e.test/a.git", "o/a");
            assertThat(hook.receive("issues", "d-3", GitHubSignature.sign(SECRET, otherLabel), otherLabel))
                    .isInstanceOfSatisfying(HookOutcome.Ignored.class,
                            i -> assertThat(i.reason()).contains("not labelled 'nightshift'"));
            assertThat(hook.receive("issues", "d-4", GitHubSignature.sign(SECRET, openedWithout), openedWithout))
                    .isInstanceOf(HookOutcome.Ignored.class);
            assertThat(hook.receive("issues", "d-5", GitHubSignature.sign(SECRET, edited), edited))
                    .isInstanceOfSatisfying(HookOutcome.Ignored.class,
                            i -> assertThat(i.reason()).contains("action 'edited'"));
            byte[] ping = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(hook.receive("ping", "d-6", GitHubSignature.sign(SECRET, ping), ping))
                    .isInstanceOf(HookOutcome.Ignored.class);
            assertThat(registry.list()).isEmpty();

            byte[] openedWith = issueEvent("opened", null, List.of("Nightshift"), "https://e.test/a.git", "o/a");
            assertThat(hook.receive("issues", "d-7", GitHubSignature.sign(SECRET, openedWith), openedWith))
                    .as("opened with the label (GitHub labels ignore case)").isInstanceOf(HookOutcome.Accepted.class);
        }
    }

    @Test
    void aReplayedDeliveryIsRefusedAlsoAfterARestart() throws Exception {
        byte[] labelled = issueEvent("labeled", "nightshift", List.of("nightshift"), "https://e.test/a.git", "o/a");
        byte[] ignored = issueEvent("labeled", "bug", List.of("bug"), "https://e.test/a.git", "o/a");
        String runId;
        try (RunRegistry registry = registry(Map.of())) {
            GitHubWebhook hook = webhook(registry, "marker", "branch");
            runId = ((HookOutcome.Accepted) hook.receive("issues", "d-8", GitHubSignature.sign(SECRET, labelled),
                    labelled)).runId();
            assertThat(hook.receive("issues", "d-9", GitHubSignature.sign(SECRET, ignored), ignored))
                    .isInstanceOf(HookOutcome.Ignored.class);
            assertThat(hook.receive("issues", "d-8", GitHubSignature.sign(SECRET, labelled), labelled))
                    .isEqualTo(new HookOutcome.Replayed("d-8", runId));
            awaitEnd(registry);
        }
        try (RunRegistry restarted = registry(Map.of())) {
            restarted.recover();
            GitHubWebhook hook = webhook(restarted, "marker", "branch");
            assertThat(hook.receive("issues", "d-8", GitHubSignature.sign(SECRET, labelled), labelled))
                    .isEqualTo(new HookOutcome.Replayed("d-8", runId));
            assertThat(hook.receive("issues", "d-9", GitHubSignature.sign(SECRET, labelled), labelled))
                    .as("an ignored delivery's id is taken too").isEqualTo(new HookOutcome.Replayed("d-9", null));
            assertThat(restarted.list()).extracting(ManagedRun::id).containsExactly(runId);
        }
    }

    @Test
    void aDeliveryWhoseJobIsRefusedIsGivenBackForGitHubToDeliverAgain() throws Exception {
        byte[] labelled = issueEvent("labeled", "nightshift", List.of("nightshift"), "https://e.test/a.git", "o/a");
        try (RunRegistry registry = registry(Map.of())) {
            assertThatThrownBy(() -> webhook(registry, "no-such-pipeline", "branch").receive("issues", "d-10",
                    GitHubSignature.sign(SECRET, labelled), labelled))
                    .isInstanceOf(InvalidSubmissionException.class).hasMessageContaining("no pipeline named");
            assertThat(webhook(registry, "marker", "branch").receive("issues", "d-10",
                    GitHubSignature.sign(SECRET, labelled), labelled)).isInstanceOf(HookOutcome.Accepted.class);
            awaitEnd(registry);
        }
    }

    private static void awaitEnd(RunRegistry registry) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (registry.list().stream().anyMatch(r -> !r.state().terminal()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static void git(Path dir, String... args) {
        GitCli.Result r = GitCli.run(dir, args);
        assertThat(r.exit()).as(r.err()).isZero();
    }
}
