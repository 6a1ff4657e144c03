package io.nightshift.runtime;

import static io.nightshift.agent.Script.script;
import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.delivery.DeliveryFiles;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.runtime.harness.FakeGateway;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import io.nightshift.twin.forge.ForgePullRequest;
import io.nightshift.twin.forge.ForgeTwin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's pull request delivery end to end: a repository served by the forge twin's git HTTP, the LLM twin
 * playing the agent, a held-out suite judging it (the store's port as a fake that discloses at the hints level),
 * the run branch pushed to the twin and one pull request opened there whose body holds the satisfaction report; a
 * re-run of the same run updates that pull request instead of opening another.
 */
class PullRequestRunTest {

    private static final String TOKEN = "ghp_forgeTwin0Token0abcdef0123456789";
    private static final String PATH = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    private static final String GREET = """
            digraph greet {
                graph [goal="Print hello for the greeting service"]
                start [shape=Mdiamond]
                done  [shape=Msquare]
                implement [prompt="Write greet.txt that says hello", llm_provider="anthropic",
                           llm_model="claude-opus-4-6", harness.suite="greet", harness.max_rounds=%d]
                start -> implement -> done
            }
            """;

    @TempDir
    Path tmp;

    private ForgeTwin forge;

    @BeforeEach
    void serveTheRepositoryOnTheForgeTwin() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path served = Files.createDirectories(tmp.resolve("forge/acme"));
        git(tmp, "clone", "-q", "--bare", source.toString(), served.resolve("greet.git").toString());
        forge = ForgeTwin.start(tmp.resolve("forge"), TOKEN);
    }

    @AfterEach
    void stopTheForge() {
        forge.close();
    }

    @Test
    void aSatisfiedRunOpensOnePullRequestWithTheSatisfactionReportAndAReRunUpdatesTheSameOne() throws Exception {
        String agent = script()
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "helo\n"))
                .text("Done.")
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "hello\n"))
                .text("Fixed the greeting.")
                .build();
        Path pipeline = RunFixtures.dot(tmp, "greet.dot", GREET.formatted(3));
        List<String> notices = new ArrayList<>();
        RunResult result;
        try (TwinServer llm = TwinServer.start(TwinScripts.parse(agent))) {
            result = run(pipeline, llm, greetsWithHello(), tmp.resolve("run"), null,
                    new PullRequestOptions(null, null, null), notices);
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        String branch = "nightshift/" + result.runId();
        assertThat(git(tmp.resolve("forge/acme/greet.git"), "show", branch + ":greet.txt")).isEqualTo("hello\n");
        assertThat(forge.pullRequests()).hasSize(1);
        ForgePullRequest pr = forge.pullRequests().getFirst();
        assertThat(pr).extracting(ForgePullRequest::forge, ForgePullRequest::project, ForgePullRequest::head,
                ForgePullRequest::base, ForgePullRequest::draft, ForgePullRequest::state)
                .containsExactly("github", "acme/greet", branch, "main", false, "open");
        assertThat(pr.title()).isEqualTo("Nightshift: Print hello for the greeting service");
        assertThat(pr.body()).contains("## Goal", "Print hello for the greeting service", "**Ready for review**",
                "## Stages", "| implement | 1 | success |", "## Run", "- status: succeeded", "- spend: ",
                "## Holdout scenarios", "suite greet: satisfaction 100.0% (2/2 trials, threshold 100.0%, reached)"
                        + " after 2 judgments: 0.0% -> 100.0%");
        assertThat(pr.body()).as("the scenarios stay held out").doesNotContain("As a user I want to be greeted")
                .doesNotContain(FakeGateway.FAILING_FEEDBACK).doesNotContain("printed 'helo'");
        String url = forge.baseUrl() + "/acme/greet/pull/1";
        assertThat(notices).contains("pull request: " + url + " (pull request #1, opened, ready for review)");
        assertThat(DeliveryFiles.readPullRequest(result.logsRoot())).hasValueSatisfying(recorded -> {
            assertThat(recorded.url()).isEqualTo(url);
            assertThat(recorded.number()).isEqualTo(1);
        });
        assertThat(String.join("\n", notices)).doesNotContain(TOKEN);

        // The same run again (as the service resumes a job after a restart): no second pull request, the same
        // one updated; the request names no pull request, the run directory remembers it.
        List<String> again = new ArrayList<>();
        try (TwinServer llm = TwinServer.start(TwinScripts.parse(script().text("Nothing left.").build()))) {
            RunResult rerun = run(null, llm, greetsWithHello(), null, result.logsRoot(), null, again);
            assertThat(rerun.status()).as(rerun.failureReason()).isEqualTo(RunStatus.SUCCESS);
        }
        assertThat(forge.pullRequests()).hasSize(1);
        assertThat(again).contains("pull request: " + url + " (pull request #1, updated, ready for review)");
        assertThat(forge.calls()).filteredOn(c -> c.startsWith("POST /api/v3")).hasSize(1);
        assertThat(forge.calls()).contains("PATCH /api/v3/repos/acme/greet/pulls/1 200");
    }

    @Test
    void aRunBelowTheThresholdOpensADraftThatSaysWhy() throws Exception {
        String agent = script()
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "helo\n"))
                .text("Done.")
                .build();
        List<String> notices = new ArrayList<>();
        RunResult result;
        try (TwinServer llm = TwinServer.start(TwinScripts.parse(agent))) {
            result = run(RunFixtures.dot(tmp, "greet.dot", GREET.formatted(1)), llm, new FakeGateway(call -> false),
                    tmp.resolve("run"), null, new PullRequestOptions("github", "acme/greet", null), notices);
        }

        assertThat(result.status()).isEqualTo(RunStatus.FAIL);
        assertThat(forge.pullRequests()).singleElement().satisfies(pr -> {
            assertThat(pr.draft()).isTrue();
            assertThat(pr.body()).contains("**Draft**: the run ended fail; suite greet stayed below its threshold",
                    "suite greet: satisfaction 0.0% (0/2 trials, threshold 100.0%, not reached)");
        });
        assertThat(notices).anyMatch(n -> n.endsWith("(pull request #1, opened, draft)"));
    }

    @Test
    void aRunBelowTheThresholdOpensNoneWhenToldToSkip() throws Exception {
        String agent = script()
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "helo\n"))
                .text("Done.")
                .build();
        List<String> notices = new ArrayList<>();
        try (TwinServer llm = TwinServer.start(TwinScripts.parse(agent))) {
            run(RunFixtures.dot(tmp, "greet.dot", GREET.formatted(1)), llm, new FakeGateway(call -> false),
                    tmp.resolve("run"), null, new PullRequestOptions(null, null,
                            PullRequestOptions.BelowThreshold.SKIP), notices);
        }

        assertThat(forge.pullRequests()).isEmpty();
        assertThat(notices).anyMatch(n -> n.startsWith("pull request: none opened (")
                && n.contains("below_threshold is skip"));
    }

    @Test
    void aForgeErrorIsOneLineNamingTheCallTheStatusAndWhatToDo() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "one.dot", """
                digraph one {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [shape=parallelogram, tool_command="echo work > work.txt"]
                    start -> work -> done
                }
                """);
        Map<String, String> env = Map.of("PATH", PATH, "GITHUB_TOKEN", TOKEN, "GITLAB_API_URL", forge.gitlabApiUrl(),
                "GITLAB_TOKEN", "glpat-wrong");
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env);
        RunRequest request = new RunRequest(pipeline, true, true, tmp.resolve("run"), null, Map.of(), null, "local",
                forge.gitUrl("acme/greet"), null, false, false, false, null, false, null, null,
                new PullRequestOptions("gitlab", null, null));
        List<String> notices = new ArrayList<>();

        RunResult result = launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(),
                notices::add);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(forge.pullRequests()).isEmpty();
        List<String> warnings = notices.stream().filter(n -> n.startsWith("warning: forge:")).toList();
        assertThat(warnings).singleElement().asString()
                .contains("GET " + forge.gitlabApiUrl() + "/projects/acme%2Fgreet")
                .contains("answered 401 (401 Unauthorized)").contains("set GITLAB_TOKEN").doesNotContain("\n")
                .doesNotContain("glpat-wrong");
        assertThat(result.logsRoot().resolve(DeliveryFiles.PULL_REQUEST)).doesNotExist();
    }

    private RunResult run(Path pipeline, TwinServer llm, FakeGateway store, Path logs, Path resume,
            PullRequestOptions pullRequest, List<String> notices) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", PATH, "ANTHROPIC_API_KEY", llm.apiKey(),
                "ANTHROPIC_BASE_URL", llm.baseUrl(), "GITHUB_API_URL", forge.githubApiUrl(), "GITHUB_TOKEN", TOKEN));
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env, Clock.systemUTC(), store);
        RunRequest request = new RunRequest(pipeline, false, true, logs, resume, Map.of(), null, "local",
                resume == null ? forge.gitUrl("acme/greet") : null, null, false, false, true, null, false, null,
                null, pullRequest);
        return launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(), notices::add);
    }

    private static FakeGateway greetsWithHello() {
        return new FakeGateway(call -> FakeGateway.fileAt(call, "greet.txt").equals("hello\n"));
    }
}
