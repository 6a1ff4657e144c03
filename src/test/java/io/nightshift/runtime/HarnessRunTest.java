package io.nightshift.runtime;

import static io.nightshift.agent.Script.script;
import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.harness.FakeGateway;
import io.nightshift.runtime.harness.HarnessCall;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holdout judging inside real runs (RunLauncher, a git workspace, the local sandbox), with a test double of the
 * gateway that judges the file the agents write as git has it in the commit it is given (issue 8, feedback into
 * the agents).
 */
class HarnessRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HOST = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

    @TempDir
    Path tmp;

    /** Build writes a wrong greeting first, the right one after a fix; the harness node routes between them. */
    static final String HARNESS_LOOP = """
            digraph greet {
                graph [goal="print hello"]
                start [shape=Mdiamond]
                done  [shape=Msquare]
                build [shape=parallelogram, tool_command="if [ -f attempted ]; then echo hello > greet.txt; else echo 1 > attempted; echo helo > greet.txt; fi"]
                judge [type="harness", harness.suite="greet", harness.threshold=1]
                fix   [prompt="Fix the greeting", fidelity="truncate"]
                start -> build -> judge
                judge -> done [condition="outcome=success"]
                judge -> fix  [condition="outcome=fail"]
                fix -> build
            }
            """;

    private static FakeGateway greetsWithHello() {
        return new FakeGateway(call -> FakeGateway.fileAt(call, "greet.txt").equals("hello\n"));
    }

    private RunResult run(Path pipeline, FakeGateway gateway, boolean simulate, Map<String, String> env,
            List<String> notices) {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env, Clock.systemUTC(), gateway);
        RunRequest request = new RunRequest(pipeline, simulate, true, tmp.resolve("run"), null, Map.of(), null,
                "local", null, null, false, false, true);
        RunLauncher.Plan plan = launcher.plan(request);
        return launcher.run(request, plan, new AutoApproveInterviewer(), List.of(), notices::add);
    }

    private static List<JsonNode> events(Path logs) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve("events.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void harnessNodeFailsBelowThresholdRoutesToTheFixAndPassesOnceTheWorkIsRight() throws Exception {
        FakeGateway gateway = greetsWithHello();
        List<String> notices = new ArrayList<>();

        RunResult result = run(RunFixtures.dot(tmp, "greet.dot", HARNESS_LOOP), gateway, true, HOST, notices);

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        Path logs = result.logsRoot();
        Path ws = logs.resolve("workspace");
        String branch = "nightshift/" + result.runId();
        assertThat(gateway.calls).hasSize(2);
        HarnessCall first = gateway.calls.get(0);
        assertThat(FakeGateway.fileAt(first, "greet.txt")).isEqualTo("helo\n");
        assertThat(first.repository()).isEqualTo(ws);
        assertThat(RunFixtures.tryGit(ws, "merge-base", "--is-ancestor", first.commit(), branch).exit())
                .as("after a stage commit the harness node judges the run branch's own commit").isZero();
        assertThat(FakeGateway.fileAt(gateway.calls.get(1), "greet.txt")).isEqualTo("hello\n");

        assertThat(result.context()).containsEntry("harness.satisfaction", 1.0)
                .containsEntry("harness.satisfied", true)
                .containsEntry("harness.feedback", FakeGateway.PASSING_FEEDBACK);
        assertThat(Files.readString(logs.resolve("fix/response.md")))
                .as("the next codergen stage sees the feedback whatever its fidelity (here truncate)")
                .contains("# Holdout scenarios", "Satisfaction: 0.0%", FakeGateway.FAILING_FEEDBACK);
        JsonNode status = JSON.readTree(logs.resolve("judge/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("success");
        assertThat(status.path("context_updates").path("harness.satisfaction").asDouble()).isEqualTo(1.0);

        List<JsonNode> events = events(logs);
        List<String> judgeSequence = events.stream()
                .filter(e -> e.path("type").asText().startsWith("harness_")
                        || e.path("type").asText().equals("scenario_judged")
                        || e.path("node_id").asText().equals("judge") && e.path("type").asText().startsWith("stage_"))
                .map(e -> e.path("type").asText()).toList();
        assertThat(judgeSequence).containsExactly(
                "stage_started", "harness_started", "scenario_judged", "harness_completed", "stage_failed",
                "stage_started", "harness_started", "scenario_judged", "harness_completed", "stage_completed");
        List<JsonNode> completed = events.stream().filter(e -> e.path("type").asText().equals("harness_completed"))
                .toList();
        assertThat(completed).extracting(e -> e.path("satisfaction").asDouble()).containsExactly(0.0, 1.0);
        assertThat(completed).extracting(e -> e.path("judgment").asInt()).containsExactly(1, 2);
        assertThat(completed.get(0).path("reached").asBoolean()).isFalse();
        assertThat(completed.get(0).path("feedback").asText()).isEqualTo(FakeGateway.FAILING_FEEDBACK);
        assertThat(completed.get(0).path("commit").asText()).isEqualTo(first.commit());
        JsonNode scenario = events.stream().filter(e -> e.path("type").asText().equals("scenario_judged"))
                .findFirst().orElseThrow();
        assertThat(scenario.path("title").asText()).isEqualTo("Greets the user");
        assertThat(scenario.path("expected").isNull()).isTrue();

        assertThat(JSON.readTree(logs.resolve("harness/1.json").toFile()).path("satisfaction").asDouble()).isZero();
        assertThat(JSON.readTree(logs.resolve("harness/2.json").toFile()).path("satisfaction").asDouble())
                .isEqualTo(1.0);
        assertThat(logs.resolve("harness/3.json")).doesNotExist();
        assertThat(Files.readString(logs.resolve("deliverables/summary.md"))).contains("## Holdout scenarios",
                "- suite greet: satisfaction 100.0% (2/2 trials, threshold 100.0%, reached) after 2 judgments: "
                        + "0.0% -> 100.0%");
        assertThat(git(ws, "show", branch + ":greet.txt")).isEqualTo("hello\n");
    }

    @Test
    void codergenStageWithASuiteGetsTheFeedbackInTheSameSessionUntilSatisfied() throws Exception {
        String script = script()
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "helo\n"))
                .text("Done.")
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "hello\n"))
                .text("Fixed the greeting.")
                .build();
        String dot = """
                digraph greet {
                    graph [goal="print hello"]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt that says hello", llm_provider="anthropic",
                               llm_model="claude-opus-4-6", harness.suite="greet", harness.max_rounds=3]
                    start -> implement -> done
                }
                """;
        FakeGateway gateway = greetsWithHello();
        RunResult result;
        List<JsonNode> requests;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script))) {
            Map<String, String> env = Map.of("PATH", HOST.get("PATH"), "ANTHROPIC_API_KEY", twin.apiKey(),
                    "ANTHROPIC_BASE_URL", twin.baseUrl());
            result = run(RunFixtures.dot(tmp, "greet.dot", dot), gateway, false, env, new ArrayList<>());
            requests = twin.requests().stream().map(r -> r.json()).toList();
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(requests).hasSize(4);
        List<String> fourth = userTexts(requests.get(3));
        assertThat(fourth).as("one conversation: the task, then the judge's feedback as a follow-up").hasSize(2);
        assertThat(fourth.get(0)).contains("# Your task", "Write greet.txt that says hello");
        assertThat(fourth.get(1)).contains("round 1 of 3", "satisfaction 0.0%", "below the required 100.0%",
                FakeGateway.FAILING_FEEDBACK);
        assertThat(requests.get(3).path("messages").toString()).as("the earlier turns are in the same session")
                .contains("Done.", "helo");

        assertThat(gateway.calls).hasSize(2);
        Path ws = result.logsRoot().resolve("workspace");
        String branch = "nightshift/" + result.runId();
        HarnessCall round1 = gateway.calls.get(0);
        assertThat(FakeGateway.fileAt(round1, "greet.txt")).isEqualTo("helo\n");
        assertThat(RunFixtures.tryGit(ws, "merge-base", "--is-ancestor", round1.commit(), branch).exit())
                .as("a round is judged as a snapshot commit, not a commit on the run branch").isNotZero();
        assertThat(git(ws, "log", "-1", "--format=%s%n%(trailers:key=Nightshift-Snapshot,valueonly)", round1.commit()))
                .startsWith("harness: implement round 1 against suite greet\nworking tree");
        assertThat(FakeGateway.fileAt(gateway.calls.get(1), "greet.txt")).isEqualTo("hello\n");
        assertThat(git(ws, "log", "--format=%s", branch).lines().toList()).first().asString()
                .startsWith("implement:");
        assertThat(git(ws, "show", branch + ":greet.txt")).isEqualTo("hello\n");

        JsonNode status = JSON.readTree(result.logsRoot().resolve("implement/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("success");
        assertThat(status.path("context_updates").path("harness.satisfaction").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(result.logsRoot().resolve("implement/response.md")))
                .isEqualTo("Fixed the greeting.");
        List<JsonNode> started = events(result.logsRoot()).stream()
                .filter(e -> e.path("type").asText().equals("harness_started")).toList();
        assertThat(started).extracting(e -> e.path("round").asInt()).containsExactly(1, 2);
        assertThat(result.logsRoot().resolve("harness/2.json")).exists();
    }

    @Test
    void codergenStageOutOfRoundsFailsWithTheLastSatisfaction() throws Exception {
        String script = script()
                .tools("write_file", Map.of("file_path", "greet.txt", "content", "helo\n"))
                .text("Done.")
                .text("Still done.")
                .build();
        String dot = """
                digraph greet {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt", llm_provider="anthropic", llm_model="claude-opus-4-6",
                               harness.suite="greet", harness.max_rounds=2]
                    start -> implement -> done
                }
                """;
        FakeGateway gateway = greetsWithHello();
        RunResult result;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script))) {
            Map<String, String> env = Map.of("PATH", HOST.get("PATH"), "ANTHROPIC_API_KEY", twin.apiKey(),
                    "ANTHROPIC_BASE_URL", twin.baseUrl());
            result = run(RunFixtures.dot(tmp, "greet.dot", dot), gateway, false, env, new ArrayList<>());
        }

        assertThat(result.status()).isEqualTo(RunStatus.FAIL);
        assertThat(gateway.calls).hasSize(2);
        assertThat(result.failureReason()).contains("suite greet: satisfaction 0.0% (0/2 trials), threshold 100.0% "
                + "after round 2 of 2: below the threshold");
        assertThat(result.context()).containsEntry("harness.satisfied", false);
    }

    @Test
    void inSimulateModeAStageWithASuiteIsJudgedOnceAndFailsBelowTheThreshold() throws Exception {
        String dot = """
                digraph greet {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt", harness.suite="greet", harness.max_rounds=3]
                    start -> implement -> done
                }
                """;
        FakeGateway gateway = greetsWithHello();

        RunResult result = run(RunFixtures.dot(tmp, "greet.dot", dot), gateway, true, HOST, new ArrayList<>());

        assertThat(result.status()).isEqualTo(RunStatus.FAIL);
        assertThat(gateway.calls).as("nothing would change between rounds without an agent").hasSize(1);
        assertThat(result.failureReason()).contains("after round 1 of 3: below the threshold");
        assertThat(result.context()).containsEntry("harness.satisfaction", 0.0);
    }

    @Test
    void holdoutSuitesAreRefusedOnALocalSandboxWithoutTheFlag() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "greet.dot", HARNESS_LOOP);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), HOST, Clock.systemUTC(), greetsWithHello());
        RunRequest request = new RunRequest(pipeline, true, true, tmp.resolve("run"), null, Map.of(), null, "local",
                null, null, false, false, false);

        assertThatThrownBy(() -> launcher.plan(request)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("node judge suite 'greet'")
                .hasMessageContaining("--sandbox local")
                .hasMessageContaining("pass --allow-local-holdout");
        assertThat(tmp.resolve("run")).as("refused before the run starts").doesNotExist();
    }

    @Test
    void withoutAConnectedStoreAHoldoutPipelineIsRefusedUpFront() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "greet.dot", HARNESS_LOOP);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), HOST, Clock.systemUTC(),
                io.nightshift.runtime.harness.HarnessGateway.unavailable("no store here"));
        RunRequest request = new RunRequest(pipeline, true, true, tmp.resolve("run"), null, Map.of(), null, "local",
                null, null, false, false, true);

        assertThatThrownBy(() -> launcher.plan(request)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("holdout judging is not available: no store here")
                .hasMessageContaining("node judge suite 'greet'");
    }

    private static List<String> userTexts(JsonNode anthropicRequest) {
        List<String> out = new ArrayList<>();
        for (JsonNode message : anthropicRequest.path("messages")) {
            if (!message.path("role").asText().equals("user")) {
                continue;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                out.add(content.asText());
            }
            for (JsonNode block : content) {
                if (block.path("type").asText().equals("text")) {
                    out.add(block.path("text").asText());
                }
            }
        }
        return out;
    }
}
