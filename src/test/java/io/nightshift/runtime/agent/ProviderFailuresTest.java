package io.nightshift.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.agent.AgentTwin;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.engine.TestPipelines;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused key ends the stage at once, typed as terminal, although the node allows retries. */
class ProviderFailuresTest {

    @TempDir
    Path dir;
    private AgentTwin t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void aRefusedKeyFailsTheStageOnceWithTheProvidersMessageAndNoRetry() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        t = new AgentTwin("anthropic", """
                {"rules": [{"reply": {"error": {"status": 401, "message": "invalid x-api-key"}}}]}""", workspace);
        try (AgentCodergenBackend backend = new AgentCodergenBackend(t.client, t.env, AgentBackendOptions.defaults())) {
            RunResult result = new PipelineEngine(RunConfig.builder(dir.resolve("logs")).backend(backend)
                    .environment(t.env).build()).run(TestPipelines.prepare("""
                    digraph keyed {
                        start [shape=Mdiamond]
                        ask   [prompt="Hello", llm_provider="anthropic", llm_model="claude-opus-4-6", max_retries=3]
                        exit  [shape=Msquare]
                        start -> ask -> exit
                    }
                    """));

            assertThat(result.status()).isEqualTo(RunStatus.FAIL);
            assertThat(result.failureReason()).startsWith("the provider refused the credentials (not retried)")
                    .contains("invalid x-api-key");
            assertThat(t.requests()).hasSize(1);
            assertThat(Files.readString(dir.resolve("logs/ask/status.json")))
                    .contains("\"failure_kind\" : \"authentication\"");
        }
    }
}
