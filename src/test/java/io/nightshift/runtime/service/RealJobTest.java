package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.runtime.PipelineLoader;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that does not ask for simulation reaches the model, the one it names, and is not reported simulated. */
class RealJobTest {

    private static final String PIPELINE = """
            digraph real {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                answer [prompt="Say hello"]
                start -> answer -> exit
            }
            """;

    @TempDir
    Path runs;

    @Test
    void aJobWithoutSimulateCallsTheModelItNames() throws Exception {
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(
                "rules:\n  - reply: {text: \"hello from the model\"}\n"))) {
            Map<String, String> env = new HashMap<>(twin.environment());
            env.keySet().removeIf(k -> !k.startsWith("ANTHROPIC_"));
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            SubmissionGate gate = new SubmissionGate(false, env, new PipelineLoader());
            RunSubmission job = new RunSubmission("pipeline", PIPELINE, "real.dot", false, true, "greet", Map.of(),
                    null, null, null, "local", "claude-sonnet-4-5", false, null);
            gate.check(job);
            try (RunRegistry registry = new RunRegistry(runs, new PipelineLoader(), env, e -> { }, 1, 64, true)) {
                ManagedRun run = registry.submit(job);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!run.state().terminal() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(run.state()).as(String.valueOf(run.snapshot().failure())).isEqualTo(RunState.SUCCEEDED);
                assertThat(run.snapshot().simulated()).isFalse();
                List<RecordedRequest> requests = twin.requests();
                assertThat(requests).isNotEmpty();
                assertThat(requests).allSatisfy(r -> assertThat(r.json().path("model").asText())
                        .isEqualTo("claude-sonnet-4-5"));
                assertThat(Files.readString(run.dir().resolve("answer/response.md"))).contains("hello from the model");
                assertThat(new RunDirectory(run.dir(), false).readManifest().orElseThrow().isSimulated()).isFalse();
            }
        }
    }
}
