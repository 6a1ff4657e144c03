package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.state.FailureKind;
import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's node retry reads the outcome's typed failure kind: terminal faults are never repeated. */
class FailureKindRetryTest {

    private static final String PIPELINE = """
            digraph faults {
                start [shape=Mdiamond]
                ask   [prompt="Ask the model", max_retries=3]
                done  [shape=Msquare]
                start -> ask -> done
            }
            """;

    @TempDir
    Path tmp;

    private RunResult run(ScriptedBackend backend) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend)
                .sleeper(new RecordingSleeper()).build()).run(TestPipelines.prepare(PIPELINE));
    }

    @Test
    void aTerminalFailureIsNotRetriedWhateverTheNodeAllows() throws Exception {
        ScriptedBackend backend = new ScriptedBackend().outcomes("ask",
                Outcome.fail("the provider refused the credentials: HTTP 401", FailureKind.AUTHENTICATION),
                Outcome.success());
        RunResult r = run(backend);

        assertThat(backend.calledNodes()).containsExactly("ask");
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).contains("HTTP 401");
        assertThat(Files.readString(tmp.resolve("run/ask/status.json"))).contains("\"failure_kind\" : \"authentication\"");
    }

    @Test
    void aTransientFailureIsRetriedByTheNodePolicy() {
        ScriptedBackend backend = new ScriptedBackend().outcomes("ask",
                Outcome.fail("the provider kept failing: HTTP 529", FailureKind.TRANSIENT), Outcome.success());
        RunResult r = run(backend);

        assertThat(backend.calledNodes()).containsExactly("ask", "ask");
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
    }
}
