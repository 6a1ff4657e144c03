package io.nightshift.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a model that never stops calling tools is stopped by each kind of budget and by max_visits within
 * one model call of the limit, and the run is then resumed with a larger budget to success. Every twin answer
 * bills 1,000 input and 100 output tokens.
 */
class BudgetsTwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FOREVER = """
            rules:
              - reply:
                  tool_calls: [{name: read_file, arguments: {file_path: README.md}}]
                  usage: {input_tokens: 1000, output_tokens: 100}
            """;

    private static final String FINISHES = """
            rules:
              - reply: {text: "Done.", usage: {input_tokens: 1000, output_tokens: 100}}
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"anthropic,claude-sonnet-4-5", "openai,gpt-5.2", "gemini,gemini-3-flash-preview"})
    void aTokenBudgetStopsTheRunAtTheCallThatReachesItAndALargerOneResumesItToSuccess(String provider, String model)
            throws Exception {
        Path dot = pipeline(provider, model, "");
        Path logs = tmp.resolve("run");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(FOREVER))) {
            RunResult first = run(twin, dot, logs, false, new Budget(5_000L, null, null));

            assertThat(first.status()).as(first.failureReason()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
            assertThat(first.failureReason()).contains("token budget", "5500", "max_tokens=5000");
            assertThat(twin.requests()).as("5 calls of 1,100 tokens reach 5,000; no sixth is made").hasSize(5);
            JsonNode fin = read(logs.resolve("final.json"));
            assertThat(fin.path("status").asText()).isEqualTo("budget_exhausted");
            assertThat(fin.path("failed_node").asText()).isEqualTo("work");
            assertThat(fin.path("tokens").asLong()).isEqualTo(5_500);
            assertThat(fin.path("simulated").asBoolean(true)).isFalse();
            assertThat(fin.path("spend").path("by_provider").path(provider).path("calls").asInt()).isEqualTo(5);
            JsonNode checkpoint = read(logs.resolve("checkpoint.json"));
            assertThat(checkpoint.path("status").asText()).isEqualTo("budget_exhausted");
            assertThat(checkpoint.path("resume_node").asText()).isEqualTo("work");
            assertThat(read(logs.resolve("work/status.json")).path("spend").path("tokens").asLong()).isEqualTo(5_500);
            assertThat(events(logs, "model_call_completed")).hasSize(5).last()
                    .satisfies(e -> assertThat(e.path("run_tokens").asLong()).isEqualTo(5_500));
            assertThat(events(logs, "pipeline_budget_exhausted")).hasSize(1);

            twin.reset(TwinScripts.parse(FINISHES));
            RunResult resumed = run(twin, null, logs, true, new Budget(50_000L, null, null));

            assertThat(resumed.status()).as(resumed.failureReason()).isEqualTo(RunStatus.SUCCESS);
            assertThat(twin.requests()).hasSize(1);
            JsonNode done = read(logs.resolve("final.json"));
            assertThat(done.path("status").asText()).isEqualTo("succeeded");
            assertThat(done.path("tokens").asLong()).as("spend carries over the resume").isEqualTo(6_600);
        }
    }

    @Test
    void aCostBudgetStopsTheRunAtTheCallThatReachesItAndALargerOneResumesItToSuccess() throws Exception {
        // claude-sonnet-4-5: 1,000 x $3/M + 100 x $15/M = $0.0045 a call; $0.02 is reached by the fifth
        Path dot = pipeline("anthropic", "claude-sonnet-4-5", "");
        Path logs = tmp.resolve("run");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(FOREVER))) {
            RunResult first = run(twin, dot, logs, false, new Budget(null, 0.02, null));

            assertThat(first.status()).as(first.failureReason()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
            assertThat(first.failureReason()).contains("cost budget", "max_cost_usd=0.02");
            assertThat(twin.requests()).hasSize(5);
            assertThat(read(logs.resolve("final.json")).path("cost_usd").asDouble()).isCloseTo(0.0225,
                    org.assertj.core.api.Assertions.within(1e-9));

            twin.reset(TwinScripts.parse(FINISHES));
            RunResult resumed = run(twin, null, logs, true, new Budget(null, 1.0, null));

            assertThat(resumed.status()).as(resumed.failureReason()).isEqualTo(RunStatus.SUCCESS);
            assertThat(read(logs.resolve("final.json")).path("cost_usd").asDouble()).isCloseTo(0.027,
                    org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void aTimeBudgetStopsTheRunAfterTheModelCallInFlightAndALargerOneResumesItToSuccess() throws Exception {
        Path dot = pipeline("anthropic", "claude-sonnet-4-5", "max_time=\"5s\"");
        Path logs = tmp.resolve("run");
        String slow = FOREVER.replace("usage:", "delay_ms: 1000\n      usage:");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(slow))) {
            RunResult first = run(twin, dot, logs, false, Budget.NONE);

            assertThat(first.status()).as(first.failureReason()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
            assertThat(first.failureReason()).contains("time budget");
            int calls = twin.requests().size();
            assertThat(events(logs, "model_call_completed")).as("the call in flight finished and was counted")
                    .hasSize(calls);
            assertThat(read(logs.resolve("work/status.json")).path("failure_reason").asText())
                    .startsWith("budget exhausted");

            twin.reset(TwinScripts.parse(FINISHES));
            RunResult resumed = run(twin, null, logs, true, new Budget(null, null, Duration.ofHours(1)));

            assertThat(resumed.status()).as(resumed.failureReason()).isEqualTo(RunStatus.SUCCESS);
        }
    }

    @Test
    void aNodesOwnTokenBudgetStopsItAndNamesIt() throws Exception {
        Path dot = pipeline("anthropic", "claude-sonnet-4-5", "", "max_tokens=3000");
        Path logs = tmp.resolve("run");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(FOREVER))) {
            RunResult first = run(twin, dot, logs, false, Budget.NONE);

            assertThat(first.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
            assertThat(first.failureReason()).contains("node 'work'", "max_tokens=3000");
            assertThat(twin.requests()).hasSize(3);
        }
    }

    @Test
    void aLoopThatNeverConvergesIsStoppedByMaxVisitsAndResumedWithALargerBoundToSuccess() throws Exception {
        // the check passes on its fifth run; work may run only three times
        String loop = """
                digraph loop {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [prompt="Fix it", llm_provider="anthropic", llm_model="claude-sonnet-4-5", max_visits=%d]
                    check [shape=parallelogram, tool_command="n=$(( $(cat n.txt 2>/dev/null || echo 0) + 1 )); echo $n > n.txt; test $n -ge 5"]
                    start -> work -> check
                    check -> done [condition="outcome=success"]
                    check -> work [condition="outcome=fail"]
                }
                """;
        Path dot = Files.writeString(tmp.resolve("loop.dot"), loop.formatted(3));
        Path logs = tmp.resolve("run");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(FINISHES))) {
            RunResult first = run(twin, dot, logs, false, Budget.NONE);

            assertThat(first.status()).isEqualTo(RunStatus.FAIL);
            assertThat(first.failureReason()).contains("node 'work'", "exceeded max_visits (3)");
            assertThat(first.failedNode()).isEqualTo("work");
            assertThat(twin.requests()).as("work ran three times, not a fourth").hasSize(3);
            assertThat(read(logs.resolve("final.json")).path("status").asText()).isEqualTo("failed");

            Path raised = Files.writeString(tmp.resolve("loop-raised.dot"), loop.formatted(10));
            RunResult resumed = run(twin, raised, logs, true, Budget.NONE);

            assertThat(resumed.status()).as(resumed.failureReason()).isEqualTo(RunStatus.SUCCESS);
            assertThat(twin.requests()).hasSize(5);
        }
    }

    @Test
    void aHungProviderIsStoppedByTheStallWatchdog() throws Exception {
        Path dot = pipeline("anthropic", "claude-sonnet-4-5", "stall_timeout=\"1s\"");
        Path logs = tmp.resolve("run");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse("rules:\n  - reply: {hang: true}\n"))) {
            RunResult result = run(twin, dot, logs, false, Budget.NONE);

            assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.STALLED);
            assertThat(result.failureReason()).contains("stage 'work'", "stall_timeout");
            assertThat(read(logs.resolve("final.json")).path("status").asText()).isEqualTo("stalled");
            assertThat(events(logs, "pipeline_stalled")).hasSize(1);
        }
    }

    private Path pipeline(String provider, String model, String graphAttrs, String... nodeAttrs) throws IOException {
        String extra = nodeAttrs.length == 0 ? "" : ", " + String.join(", ", nodeAttrs);
        return Files.writeString(tmp.resolve("forever.dot"), """
                digraph forever {
                    graph [goal="Never finishes"%s]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [prompt="Keep reading", llm_provider="%s", llm_model="%s"%s]
                    start -> work -> done
                }
                """.formatted(graphAttrs.isEmpty() ? "" : ", " + graphAttrs, provider, model, extra));
    }

    private static RunResult run(TwinServer twin, Path dot, Path logs, boolean resume, Budget budget) {
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), twin.environment());
        RunRequest request = new RunRequest(dot, false, true, resume ? null : logs, resume ? logs : null, Map.of(),
                null, "local", null, null, false, false, false, null, false, budget, null);
        List<String> notices = new ArrayList<>();
        return launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(), notices::add);
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<JsonNode> events(Path logs, String type) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (type.equals(e.path("type").asText())) {
                out.add(e);
            }
        }
        return out;
    }
}
