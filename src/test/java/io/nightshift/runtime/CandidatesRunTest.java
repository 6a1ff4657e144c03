package io.nightshift.runtime;

import static io.nightshift.agent.Script.match;
import static io.nightshift.agent.Script.script;
import static io.nightshift.agent.Script.toolReply;
import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.agent.Script;
import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.DisclosedScenario;
import io.nightshift.harness.Disclosure;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.StepKind;
import io.nightshift.llm.Json;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.harness.FakeGateway;
import io.nightshift.runtime.harness.HarnessCall;
import io.nightshift.runtime.harness.HarnessGateway;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candidates (issue 19) in real runs: RunLauncher, a git workspace, the local sandbox, the LLM twin over HTTP for
 * the agents and a test double of the scenario store's gateway that grades the file the candidates write.
 */
class CandidatesRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HOST = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

    @TempDir
    Path tmp;

    /** Judges one scenario {@code trials} times; the share of satisfied trials is what {@code grade} says. */
    static final class GradedGateway implements HarnessGateway {
        final List<HarnessCall> calls = new CopyOnWriteArrayList<>();
        private final ToDoubleFunction<HarnessCall> grade;

        GradedGateway(ToDoubleFunction<HarnessCall> grade) {
            this.grade = grade;
        }

        @Override
        public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) {
            calls.add(call);
            int trials = call.trials() == null ? 4 : call.trials();
            listener.started(call.suite(), "v1", call.commit(), 1, trials);
            int satisfied = (int) Math.round(grade.applyAsDouble(call) * trials);
            boolean all = satisfied == trials;
            DisclosedScenario scenario = new DisclosedScenario("scenario 1", "Greets the user",
                    "As a user I want to be greeted", satisfied, trials, all ? null : StepKind.EXPECT_OUTPUT,
                    all ? null : "printed something else", null, null);
            listener.scenarioJudged(1, scenario);
            double threshold = call.threshold() == null ? 1.0 : call.threshold();
            double satisfaction = (double) satisfied / trials;
            return new DisclosedJudgment(call.suite(), "v1", call.commit(), Disclosure.HINTS, satisfied, trials,
                    satisfaction, threshold, satisfaction >= threshold, List.of(scenario),
                    all ? FakeGateway.PASSING_FEEDBACK : FakeGateway.FAILING_FEEDBACK, 3);
        }
    }

    /** hello: all trials; hell: half; anything else: none. */
    private static double greeting(HarnessCall call) {
        return switch (FakeGateway.fileAt(call, "greet.txt")) {
            case "hello\n" -> 1.0;
            case "hell\n" -> 0.5;
            default -> 0.0;
        };
    }

    private RunResult run(Path pipeline, HarnessGateway gateway, boolean simulate, Map<String, String> env) {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env, Clock.systemUTC(), gateway);
        RunRequest request = new RunRequest(pipeline, simulate, true, tmp.resolve("run"), null, Map.of(), null,
                "local", null, null, false, false, true);
        RunLauncher.Plan plan = launcher.plan(request);
        return launcher.run(request, plan, new AutoApproveInterviewer(), List.of(), n -> { });
    }

    private static List<JsonNode> events(Path logs, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.path("type").asText().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> candidateRefs(Path ws, String runId) {
        String out = git(ws, "for-each-ref", "--format=%(refname)", "refs/nightshift/" + runId + "/candidates/");
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Candidate {@code model} writes greet.txt with {@code content} in its first turn and then says it is done. */
    private static void candidate(Script s, String model, String content, int tokensPerCall) {
        ObjectNode write = toolReply("write_file", Map.of("file_path", "greet.txt", "content", content));
        ObjectNode done = Script.textReply("Done (" + model + ").");
        ObjectNode usage = Json.object().put("input_tokens", tokensPerCall - 10).put("output_tokens", 10);
        write.set("usage", usage);
        done.set("usage", usage.deepCopy());
        // a model takes time to answer; candidates overlap while they wait (nothing here asserts durations)
        write.put("delay_ms", 150);
        done.put("delay_ms", 150);
        s.rule(match("model", model, "turn", 1), write);
        s.rule(match("model", model), done);
    }

    /** Candidate {@code model}'s model accepts every request and never answers. */
    private static void hangs(Script s, String model) {
        s.rule(match("model", model), Json.object().put("hang", true));
    }

    private static Map<String, String> twinEnv(TwinServer twin) {
        return Map.of("PATH", HOST.get("PATH"), "ANTHROPIC_API_KEY", twin.apiKey(), "ANTHROPIC_BASE_URL",
                twin.baseUrl());
    }

    @Test
    void simulatedCandidatesEachCommitAMarkerKeepSideRefsAndTheJudgesFavouriteReachesTheBranch() throws Exception {
        String dot = """
                digraph c {
                    graph [goal="greet"]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Greet", candidates=3, harness.suite="greet", harness.max_rounds=1]
                    start -> implement -> done
                }
                """;
        GradedGateway gateway = new GradedGateway(call -> FakeGateway.fileAt(call,
                CandidatesBackend.SIMULATED_MARKER).startsWith("candidate 2 ") ? 1.0 : 0.0);

        RunResult result = run(RunFixtures.dot(tmp, "c.dot", dot), gateway, true, HOST);

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        Path ws = result.logsRoot().resolve("workspace");
        String branch = "nightshift/" + result.runId();
        assertThat(gateway.calls).as("each candidate is judged in its own worktree").hasSize(3);
        List<String> refs = candidateRefs(ws, result.runId());
        assertThat(refs).containsExactly("refs/nightshift/" + result.runId() + "/candidates/1",
                "refs/nightshift/" + result.runId() + "/candidates/2",
                "refs/nightshift/" + result.runId() + "/candidates/3");
        List<String> markers = refs.stream().map(r -> git(ws, "show", r + ":" + CandidatesBackend.SIMULATED_MARKER))
                .toList();
        assertThat(markers).as("each simulated candidate committed its own marker").doesNotHaveDuplicates()
                .allMatch(m -> m.startsWith("candidate "));
        assertThat(git(ws, "show", branch + ":" + CandidatesBackend.SIMULATED_MARKER))
                .startsWith("candidate 2 of 3");
        assertThat(RunFixtures.tryGit(ws, "merge-base", "--is-ancestor", refs.get(1), branch).exit())
                .as("the winner's commit is on the run branch").isZero();
        assertThat(RunFixtures.tryGit(ws, "merge-base", "--is-ancestor", refs.get(0), branch).exit()).isNotZero();

        List<JsonNode> completed = events(result.logsRoot(), "candidate_completed");
        assertThat(completed).extracting(e -> e.path("index").asInt()).containsExactly(1, 2, 3);
        assertThat(completed).extracting(e -> e.path("ref").asText()).containsExactlyElementsOf(refs);
        assertThat(completed).extracting(e -> e.path("satisfaction").asDouble()).containsExactly(0.0, 1.0, 0.0);
        assertThat(events(result.logsRoot(), "candidate_started")).hasSize(3);
        JsonNode decided = events(result.logsRoot(), "candidates_decided").get(0);
        assertThat(decided.path("winner").asInt()).isEqualTo(2);
        assertThat(decided.path("early_stop").asBoolean()).isFalse();
        assertThat(result.context()).containsEntry("candidates.winner", 2).containsEntry("harness.satisfaction", 1.0);

        String summary = Files.readString(result.logsRoot().resolve("deliverables/summary.md"));
        assertThat(summary).contains("## Candidates", "### Stage implement", "candidate 2 of 3 won",
                "| 2 (winner) |", "100.0%", refs.get(0), refs.get(1), refs.get(2));
    }

    @Test
    void theCandidateTheJudgeRatesHighestByLowerBoundWinsAmongTwinPlayedAgents() throws Exception {
        Script s = script();
        candidate(s, "model-a", "hell\n", 100);
        candidate(s, "model-b", "hello\n", 100);
        candidate(s, "model-c", "helo\n", 100);
        String dot = """
                digraph c {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt that says hello", llm_provider="anthropic",
                               candidates=3, candidate_models="model-a,model-b,model-c",
                               harness.suite="greet", harness.max_rounds=2, harness.trials=4]
                    start -> implement -> done
                }
                """;
        GradedGateway gateway = new GradedGateway(CandidatesRunTest::greeting);
        RunResult result;
        List<JsonNode> requests;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(s.build()))) {
            result = run(RunFixtures.dot(tmp, "c.dot", dot), gateway, false, twinEnv(twin));
            requests = twin.requests().stream().map(r -> r.json()).toList();
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(requests).extracting(r -> r.path("model").asText()).contains("model-a", "model-b", "model-c");
        assertThat(requests.stream().filter(r -> r.path("model").asText().equals("model-a")
                && r.path("messages").toString().contains("round 1 of 2")))
                .as("a candidate below the threshold iterates with the held-out feedback, as a single attempt does")
                .isNotEmpty();
        Path ws = result.logsRoot().resolve("workspace");
        assertThat(git(ws, "show", "nightshift/" + result.runId() + ":greet.txt")).isEqualTo("hello\n");
        List<JsonNode> completed = events(result.logsRoot(), "candidate_completed");
        assertThat(completed).extracting(e -> e.path("satisfaction").asDouble()).containsExactly(0.5, 1.0, 0.0);
        assertThat(completed.get(1).path("satisfaction_lower").asDouble())
                .isGreaterThan(completed.get(0).path("satisfaction_lower").asDouble());
        assertThat(completed).allMatch(e -> e.path("spend").path("tokens").asLong() > 0);
        assertThat(events(result.logsRoot(), "candidates_decided").get(0).path("winner").asInt()).isEqualTo(2);
        assertThat(candidateRefs(ws, result.runId())).hasSize(3);
        JsonNode status = JSON.readTree(result.logsRoot().resolve("implement/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("success");
        assertThat(Files.readString(result.logsRoot().resolve("deliverables/summary.md")))
                .contains("| 2 (winner) | model-b | success | 100.0%", "| 1 | model-a | fail | 50.0%");
    }

    @Test
    void candidatesShareTheNodesBudgetAndTheOnesItStopsSaySo() throws Exception {
        Script s = script();
        candidate(s, "model-a", "hello\n", 150);
        candidate(s, "model-b", "hello\n", 150);
        candidate(s, "model-c", "hello\n", 150);
        // one candidate spends 300 tokens (two calls); 450 allows about one and a half
        String dot = """
                digraph c {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt that says hello", llm_provider="anthropic",
                               candidates=3, candidates.parallel=1, candidate_models="model-a,model-b,model-c",
                               harness.suite="greet", harness.max_rounds=1, harness.trials=4, max_tokens=450]
                    start -> implement -> done
                }
                """;
        GradedGateway gateway = new GradedGateway(CandidatesRunTest::greeting);
        RunResult result;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(s.build()))) {
            result = run(RunFixtures.dot(tmp, "c.dot", dot), gateway, false, twinEnv(twin));
        }

        assertThat(result.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        List<JsonNode> completed = events(result.logsRoot(), "candidate_completed");
        assertThat(completed).extracting(e -> e.path("status").asText())
                .containsExactly("success", "fail", "not_started");
        assertThat(completed.get(1).path("reason").asText()).contains("budget exhausted", "max_tokens=450");
        assertThat(completed.get(2).path("reason").asText()).contains("budget exhausted before it started");
        long spent = completed.stream().mapToLong(e -> e.path("spend").path("tokens").asLong()).sum();
        assertThat(spent).as("the candidates stop once their shared budget is reached").isEqualTo(450);
        assertThat(gateway.calls).as("only the candidate that finished is judged").hasSize(1);
        JsonNode decided = events(result.logsRoot(), "candidates_decided").get(0);
        assertThat(decided.path("winner").asInt()).isEqualTo(1);
        assertThat(decided.path("reason").asText()).contains("the budget stopped candidates 2, 3");
        Path ws = result.logsRoot().resolve("workspace");
        assertThat(git(ws, "show", "nightshift/" + result.runId() + ":greet.txt")).isEqualTo("hello\n");
        assertThat(candidateRefs(ws, result.runId())).as("a candidate that never started has no work to keep")
                .hasSize(2);
    }

    @Test
    void aCandidateThatPassesWithConfidenceStopsTheOthersEarly() throws Exception {
        Script s = script();
        candidate(s, "model-a", "hello\n", 100);
        candidate(s, "model-b", "hello\n", 100);
        candidate(s, "model-c", "hello\n", 100);
        // 20 of 20 trials: the Wilson lower bound at 95% is about 0.84, above the threshold of 0.8
        String dot = """
                digraph c {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt that says hello", llm_provider="anthropic",
                               candidates=3, candidates.parallel=1, candidate_models="model-a,model-b,model-c",
                               harness.suite="greet", harness.trials=20, harness.threshold=0.8]
                    start -> implement -> done
                }
                """;
        GradedGateway gateway = new GradedGateway(CandidatesRunTest::greeting);
        RunResult result;
        List<JsonNode> requests;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(s.build()))) {
            result = run(RunFixtures.dot(tmp, "c.dot", dot), gateway, false, twinEnv(twin));
            requests = twin.requests().stream().map(r -> r.json()).toList();
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(requests).extracting(r -> r.path("model").asText()).containsOnly("model-a");
        List<JsonNode> completed = events(result.logsRoot(), "candidate_completed");
        assertThat(completed).extracting(e -> e.path("status").asText())
                .containsExactly("success", "not_started", "not_started");
        assertThat(completed.get(1).path("reason").asText())
                .isEqualTo("stopped early: candidate 1 reached the threshold");
        JsonNode decided = events(result.logsRoot(), "candidates_decided").get(0);
        assertThat(decided.path("winner").asInt()).isEqualTo(1);
        assertThat(decided.path("early_stop").asBoolean()).isTrue();
        assertThat(events(result.logsRoot(), "candidate_started")).hasSize(1);
    }

    @Test
    void aConfidentPassInterruptsTheCandidatesStillRunningAndTheirWorkIsKept() throws Exception {
        Script s = script();
        candidate(s, "model-a", "hello\n", 100);
        hangs(s, "model-b");
        hangs(s, "model-c");
        String dot = """
                digraph c {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write greet.txt that says hello", llm_provider="anthropic",
                               candidates=3, candidate_models="model-a,model-b,model-c",
                               harness.suite="greet", harness.trials=20, harness.threshold=0.8]
                    start -> implement -> done
                }
                """;
        GradedGateway gateway = new GradedGateway(CandidatesRunTest::greeting);
        RunResult result;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(s.build()))) {
            result = run(RunFixtures.dot(tmp, "c.dot", dot), gateway, false, twinEnv(twin));
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        List<JsonNode> completed = events(result.logsRoot(), "candidate_completed");
        assertThat(completed).extracting(e -> e.path("status").asText()).containsExactly("success", "stopped",
                "stopped");
        assertThat(completed.get(2).path("reason").asText())
                .isEqualTo("stopped early: candidate 1 reached the threshold");
        assertThat(events(result.logsRoot(), "candidate_started")).as("all three ran at once").hasSize(3);
        Path ws = result.logsRoot().resolve("workspace");
        assertThat(candidateRefs(ws, result.runId())).as("a stopped candidate's worktree is kept on its ref too")
                .hasSize(3);
        assertThat(git(ws, "show", "nightshift/" + result.runId() + ":greet.txt")).isEqualTo("hello\n");
    }
}
