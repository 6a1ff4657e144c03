package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.runtime.PipelineLoader;
import io.nightshift.runtime.delivery.DeliveryFiles;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.twin.forge.ForgeTwin;
import io.nightshift.workspace.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job with {@code "deliver": "pull_request"} on a repository the forge twin serves gets one pull request. */
class PullRequestJobTest {

    private static final String TOKEN = "glpat-jobTwin0Token0123456789";
    private static final String PIPELINE = """
            digraph marker {
                graph [goal="Leave a marker"]
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                touch [shape=parallelogram, tool_command="echo made-here > marker.txt"]
                start -> touch -> exit
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aJobDeliveredAsAMergeRequestRecordsItsUrlAndNumberInTheRunDirectory() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("README.md"), "a job's repository\n");
        git(source, "init", "-q", "-b", "main");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "initial");
        git(tmp, "clone", "-q", "--bare", source.toString(), tmp.resolve("forge/team/app.git").toString());
        try (ForgeTwin forge = ForgeTwin.start(tmp.resolve("forge"), TOKEN)) {
            Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"),
                    "GITLAB_API_URL", forge.gitlabApiUrl(), "GITLAB_TOKEN", TOKEN));
            JobIntake intake = new JobIntake(tmp.resolve("pipelines"));
            RunSubmission job = intake.toSubmission(new JobRequest(forge.gitUrl("team/app"), null, "Leave a marker",
                    null, PIPELINE, "local", null, true, true, Map.of(), false, null,
                    new PullRequestOptions("gitlab", "team/app", null)));
            try (RunRegistry registry = new RunRegistry(tmp.resolve("runs"), new PipelineLoader(), env, e -> { }, 1,
                    64, true)) {
                ManagedRun run = registry.submit(job);
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!run.state().terminal() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(run.state()).as(String.valueOf(run.snapshot().failure())).isEqualTo(RunState.SUCCEEDED);
                assertThat(forge.pullRequests()).singleElement().satisfies(mr -> {
                    assertThat(mr.forge()).isEqualTo("gitlab");
                    assertThat(mr.head()).startsWith("nightshift/");
                    assertThat(mr.body()).contains("Leave a marker", "## Stages", "| touch | 1 | success |");
                });
                assertThat(DeliveryFiles.readPullRequest(run.dir())).hasValueSatisfying(pr -> {
                    assertThat(pr.url()).isEqualTo(forge.baseUrl() + "/team/app/-/merge_requests/1");
                    assertThat(pr.number()).isEqualTo(1);
                });
                assertThat(Files.readString(run.dir().resolve("submission.json"))).as("kept for a restart")
                        .contains("gitlab", "team/app");
            }
        }
    }

    /**
     * The window a kill -9 leaves between the engine's end and the forge's answer (server/PullRequestRestartIT kills
     * the real process in it): the forge already holds the merge request, the run directory has no record of it and
     * the queue still has the job admitted. The next service delivers it without running a stage, finds the merge
     * request from the run branch and updates it: one merge request, recorded, and the job's end recorded.
     */
    @Test
    void aServiceThatDiedBeforeTheForgeAnsweredDeliversOnRestartFindingTheSameMergeRequest() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("source"));
        Files.writeString(source.resolve("README.md"), "a job's repository\n");
        git(source, "init", "-q", "-b", "main");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "initial");
        git(tmp, "clone", "-q", "--bare", source.toString(), tmp.resolve("forge/team/app.git").toString());
        try (ForgeTwin forge = ForgeTwin.start(tmp.resolve("forge"), TOKEN)) {
            Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"),
                    "GITLAB_API_URL", forge.gitlabApiUrl(), "GITLAB_TOKEN", TOKEN));
            RunSubmission job = new JobIntake(tmp.resolve("pipelines")).toSubmission(new JobRequest(
                    forge.gitUrl("team/app"), null, "Leave a marker", null, PIPELINE, "local", null, true, true,
                    Map.of(), false, null, new PullRequestOptions("gitlab", "team/app", null)));
            Path dir;
            try (RunRegistry registry = new RunRegistry(tmp.resolve("runs"), new PipelineLoader(), env, e -> { }, 1,
                    64, true)) {
                ManagedRun run = registry.submit(job);
                await(() -> DeliveryFiles.readPullRequest(run.dir()).isPresent() && run.state().terminal());
                dir = run.dir();
            }
            assertThat(Files.readString(dir.resolve(DeliveryFiles.DELIVERY))).contains("\"delivered\" : true");
            // as the files stand when the process dies while the forge has opened the request but not answered
            Files.writeString(dir.resolve(DeliveryFiles.DELIVERY), Files.readString(dir.resolve(
                    DeliveryFiles.DELIVERY)).replace("\"delivered\" : true", "\"delivered\" : false"));
            Files.delete(dir.resolve(DeliveryFiles.PULL_REQUEST));
            Files.writeString(dir.resolve("queue.json"), Files.readString(dir.resolve("queue.json"))
                    .replaceAll("\"phase\"\\s*:\\s*\"ENDED\"", "\"phase\":\"ADMITTED\""));
            assertThat(Files.readString(dir.resolve("queue.json"))).contains("ADMITTED");

            try (RunRegistry restarted = new RunRegistry(tmp.resolve("runs"), new PipelineLoader(), env, e -> { },
                    1, 64, true)) {
                restarted.recover();
                await(() -> DeliveryFiles.readPullRequest(dir).isPresent());
                assertThat(restarted.get(dir.getFileName().toString()).state()).isEqualTo(RunState.SUCCEEDED);
            }
            assertThat(forge.pullRequests()).hasSize(1);
            assertThat(forge.calls()).filteredOn(c -> c.startsWith("POST /api/v4")).hasSize(1);
            assertThat(forge.calls()).filteredOn(c -> c.startsWith("PUT /api/v4")).hasSize(1);
            assertThat(DeliveryFiles.readPullRequest(dir)).hasValueSatisfying(pr -> assertThat(pr.number()).isOne());
            assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).as("no stage ran again")
                    .filteredOn(l -> l.contains("\"stage_started\"") && l.contains("\"touch\"")).hasSize(1);
            await(() -> Files.readString(dir.resolve("queue.json")).contains("ENDED"));
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited 120 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void aPullRequestJobOnALocalDirectoryIsRefusedWithWhatToGive() throws Exception {
        JobIntake intake = new JobIntake(tmp.resolve("pipelines"));
        JobRequest job = new JobRequest(tmp.toString(), null, "goal", null, PIPELINE, "local", null, true, true,
                Map.of(), false, null, new PullRequestOptions(null, null, null));

        assertThatThrownBy(() -> intake.toSubmission(job)).isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("needs a repository URL on the forge (repository.url)");
    }

    private static void git(Path dir, String... args) {
        GitCli.Result r = GitCli.run(dir, args);
        assertThat(r.exit()).as(r.err()).isZero();
    }
}
