package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.harness.TwinJudgeGateway;
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
 * Issue 14: the model calls of a judge ({@code Then a judge agrees that ...}) count into the run's spend and
 * budgets like the agents'. The gateway double ({@link TwinJudgeGateway}) judges as the store gateway does:
 * through a client over the twin wrapped in the call's metering, with the real LLM judge. Every judge answer bills 1,000 input and 100
 * output tokens.
 */
class JudgeSpendTwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> HOST = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

    private static final String VERDICT = """
            rules:
              - reply:
                  text: '{"agrees": true, "reason": "the program greeted"}'
                  usage: {input_tokens: 1000, output_tokens: 100}
            """;

    private static final String PIPELINE = """
            digraph judged {
                start [shape=Mdiamond]
                done  [shape=Msquare]
                judge [type="harness", harness.suite="greet", harness.threshold=1]
                after [shape=parallelogram, tool_command="echo after > after.txt"]
                start -> judge -> after -> done
            }
            """;

    @TempDir
    Path tmp;

    private RunResult judgedRun(TwinServer twin, Budget budget) throws Exception {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), HOST, Clock.systemUTC(), new TwinJudgeGateway(twin));
        RunRequest request = new RunRequest(RunFixtures.dot(tmp, "judged.dot", PIPELINE), false, true,
                tmp.resolve("run"), null, Map.of(), null, "local", null, null, false, false, true, null, false,
                budget, null);
        return launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(), n -> { });
    }

    @Test
    void theJudgesModelCallsAreCountedInTheRunsSpendUnderItsStage() throws Exception {
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(VERDICT))) {
            RunResult result = judgedRun(twin, Budget.NONE);

            assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
            assertThat(twin.requests()).hasSize(1);
            JsonNode fin = JSON.readTree(result.logsRoot().resolve("final.json").toFile());
            assertThat(fin.path("tokens").asLong()).isEqualTo(1_100);
            // claude-sonnet-4-5: 1,000 x $3/M + 100 x $15/M
            assertThat(fin.path("cost_usd").asDouble()).isCloseTo(0.0045, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(fin.path("spend").path("by_stage").path("judge").path("calls").asInt()).isEqualTo(1);
            List<JsonNode> calls = new ArrayList<>();
            for (String line : Files.readAllLines(result.logsRoot().resolve("events.jsonl"))) {
                JsonNode e = JSON.readTree(line);
                if (e.path("type").asText().equals("model_call_completed")) {
                    calls.add(e);
                }
            }
            assertThat(calls).singleElement().satisfies(e -> {
                assertThat(e.path("node_id").asText()).isEqualTo("judge");
                assertThat(e.path("provider").asText()).isEqualTo("anthropic");
                assertThat(e.path("tokens").asLong()).isEqualTo(1_100);
            });
        }
    }

    @Test
    void aJudgeCallThatReachesTheTokenBudgetEndsTheRunAfterItsStage() throws Exception {
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(VERDICT))) {
            RunResult result = judgedRun(twin, new Budget(1_000L, null, null));

            assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
            assertThat(result.failureReason()).contains("token budget", "max_tokens=1000");
            assertThat(twin.requests()).hasSize(1);
            assertThat(result.logsRoot().resolve("after")).as("no stage runs after the breach").doesNotExist();
            JsonNode fin = JSON.readTree(result.logsRoot().resolve("final.json").toFile());
            assertThat(fin.path("status").asText()).isEqualTo("budget_exhausted");
            assertThat(fin.path("tokens").asLong()).isEqualTo(1_100);
        }
    }
}
