package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.engine.ScriptedBackend;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 4.5 and DoD 11.6 (codergen row). */
class CodergenHandlerTest {

    static final String DOT = """
            digraph cg {
                graph [goal="Add a login page"]
                start [shape=Mdiamond]
                plan [prompt="Plan: $goal"]
                labelled [label="Summarise the work"]
                done [shape=Msquare]
                start -> plan -> labelled -> done
            }
            """;

    @TempDir
    Path tmp;

    private RunResult run(ScriptedBackend backend) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).build())
                .run(TestPipelines.prepare(DOT));
    }

    @Test
    void expandsGoalAndFallsBackToTheLabelAsPrompt() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        run(backend);
        assertThat(backend.calls()).extracting(ScriptedBackend.Call::prompt)
                .containsExactly("Plan: Add a login page", "Summarise the work");
        assertThat(Files.readString(tmp.resolve("run/labelled/prompt.md"))).isEqualTo("Summarise the work");
    }

    @Test
    void anOutcomeFromTheBackendDecidesTheStage() {
        RunResult r = run(new ScriptedBackend().outcomes("plan", Outcome.fail("model refused")));
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("model refused");
        assertThat(tmp.resolve("run/plan/response.md")).doesNotExist();
    }

    @Test
    void anOutcomeReturnedWithTheResponseDecidesTheStageAndKeepsTheResponse() throws Exception {
        ScriptedBackend backend = new ScriptedBackend().on("plan", call -> CodergenResult.decided("I did half",
                Outcome.partialSuccess("half done").withContextUpdates(Map.of("pages", "1"))));
        RunResult r = run(backend);
        assertThat(r.nodeOutcomes()).containsEntry("plan", "partial_success");
        assertThat(r.context()).containsEntry("pages", "1");
        assertThat(Files.readString(tmp.resolve("run/plan/status.json"))).contains("\"notes\" : \"half done\"")
                .contains("\"last_response\" : \"I did half\"");
    }

    @Test
    void backendExceptionsFailTheStageWithTheirMessage() {
        RunResult r = run(new ScriptedBackend().on("plan", call -> {
            throw new IllegalStateException("provider said 400: prompt too long");
        }));
        assertThat(r.failureReason()).isEqualTo("provider said 400: prompt too long");
    }
}
