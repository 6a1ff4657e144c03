package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a job's own token budget stops a model that never stops calling tools, at the call that reaches it;
 * the job ends {@code budget_exhausted} with its spend, a resume with a larger budget finishes it, and a service
 * restarted on the runs directory still knows the job's bounds. Every twin answer bills 1,000 input and 100 output tokens.
 */
class JobBudgetTwinTest {

    private static final String PIPELINE = """
            digraph forever {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work [prompt="Keep reading"]
                start -> work -> exit
            }
            """;

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
    Path runs;

    @Test
    void aJobsTokenBudgetStopsItAtTheCallThatReachesItAndALargerOneResumesItToSuccess() throws Exception {
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(FOREVER))) {
            Map<String, String> env = new HashMap<>(twin.environment());
            env.keySet().removeIf(k -> !k.startsWith("ANTHROPIC_"));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            RunSubmission job = new RunSubmission("job", PIPELINE, "forever.dot", false, true, "read", Map.of(),
                    null, null, null, "local", "claude-sonnet-4-5", false, null)
                    .withBounds(RunBounds.parse("3000", null, "1h", "10m"));
            String id;
            try (RunRegistry registry = new RunRegistry(runs, new PipelineLoader(), env, e -> { }, 1, 64, true)) {
                ManagedRun run = registry.submit(job);
                id = run.id();
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!run.state().terminal() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                assertThat(run.state()).as(run.snapshot().failure()).isEqualTo(RunState.BUDGET_EXHAUSTED);
                assertThat(run.snapshot().failure()).contains("token budget", "max_tokens=3000");
                assertThat(twin.requests()).as("3 calls of 1,100 tokens reach 3,000; no fourth is made").hasSize(3);
                assertThat(run.snapshot().spend().total().tokens()).isEqualTo(3_300);
                JsonNode fin = Json.mapper().readTree(run.dir().resolve("final.json").toFile());
                assertThat(fin.path("status").asText()).isEqualTo("budget_exhausted");

                // resumed with a larger token budget, the job continues where it stopped and its spend carries over
                twin.reset(TwinScripts.parse(FINISHES));
                registry.resume(id, RunBounds.parse("50000", null, null, null));
                deadline = System.nanoTime() + 120_000_000_000L;
                while (!run.state().terminal() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(run.state()).as(run.snapshot().failure()).isEqualTo(RunState.SUCCEEDED);
                assertThat(twin.requests()).hasSize(1);
                assertThat(run.snapshot().spend().total().tokens()).isEqualTo(4_400);
            }
            try (RunRegistry restarted = new RunRegistry(runs, new PipelineLoader(), env, e -> { }, 1, 64, true)) {
                restarted.recover();
                assertThat(restarted.get(id).submission().bounds()).as("the raised budget, the other bounds kept")
                        .isEqualTo(new RunBounds(50_000L, null, "1h", "10m"));
            }
        }
    }
}
