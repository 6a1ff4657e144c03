package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.pipeline.run.Json;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 4.10, DoD 11.6 (tool row) and the DESIGN.md tool-node environment contract. */
class ToolHandlerTest {

    static final String TOOL = """
            digraph tool {
                graph [goal="Check the build"]
                start [shape=Mdiamond]
                check [shape=parallelogram, tool_command=%s %s]
                ok [prompt="OK"]
                broken [prompt="Broken"]
                done [shape=Msquare]
                start -> check
                check -> ok [condition="outcome=success"]
                check -> broken [condition="outcome=fail"]
                ok -> done
                broken -> done
            }
            """;

    @TempDir
    Path tmp;

    private RunResult run(ExecutionEnvironment env, String command, String attrs) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).environment(env).build())
                .run(TestPipelines.prepare(TOOL.formatted(Json.mapper().valueToTree(command).toString(), attrs)));
    }

    @Test
    void passesStageEnvironmentAndTimeoutAndWritesTheOutput() throws Exception {
        FakeExecutionEnvironment env = new FakeExecutionEnvironment(e -> new ExecResult("built\n", "warn\n", 0, false, 5));
        RunResult r = run(env, "make check", ", timeout=\"90s\", prompt=\"Verify $goal\"");

        Path stage = tmp.resolve("run/check").toAbsolutePath();
        assertThat(env.execs()).hasSize(1);
        FakeExecutionEnvironment.Exec exec = env.execs().get(0);
        assertThat(exec.command()).isEqualTo("make check");
        assertThat(exec.timeoutMs()).isEqualTo(90_000);
        assertThat(exec.env()).containsEntry("ATTRACTOR_STAGE_DIR", stage.toString())
                .containsEntry("ATTRACTOR_LOGS_ROOT", tmp.resolve("run").toAbsolutePath().toString())
                .containsEntry("ATTRACTOR_NODE_ID", "check")
                .containsEntry("ATTRACTOR_PROMPT_FILE", stage.resolve("prompt.txt").toString());
        assertThat(Files.readString(stage.resolve("prompt.txt"))).isEqualTo("Verify Check the build");
        assertThat(Files.readString(stage.resolve("tool_output.txt"))).isEqualTo("built\nwarn\n");
        assertThat(r.completedNodes()).containsExactly("start", "check", "ok", "done");
        assertThat(r.context()).containsEntry("tool.output", "built\n");
    }

    @Test
    void nonZeroExitFailsWithTheCodeAndTheTailOfStderr() {
        FakeExecutionEnvironment env = new FakeExecutionEnvironment(
                e -> new ExecResult("", "x".repeat(2000) + "\nerror: 3 tests failed", 2, false, 5));
        RunResult r = run(env, "make test", "");

        assertThat(r.completedNodes()).containsExactly("start", "check", "broken", "done");
        assertThat(r.nodeOutcomes()).containsEntry("check", "fail");
        assertThat(r.context()).containsEntry("outcome", "success");
        String reason = statusOf("check").path("failure_reason").asText();
        assertThat(reason).startsWith("tool command exited with code 2: make test\n...").endsWith("error: 3 tests failed")
                .hasSizeLessThan(600);
    }

    @Test
    void nodeWithoutEnvironmentOrCommandFailsClearly() {
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).build())
                .run(TestPipelines.prepare(TOOL.formatted("\"true\"", "")));
        assertThat(statusOf("check").path("failure_reason").asText()).contains("needs an execution environment");
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void realCommandSeesItsStageDirectoryAndItsStatusFileIsHonoured() throws Exception {
        LocalExecutionEnvironment env = new LocalExecutionEnvironment(tmp, Map.of("PATH", System.getenv("PATH")));
        String command = "echo hello from $ATTRACTOR_NODE_ID; "
                + "printf '{\"outcome\":\"fail\",\"failure_reason\":\"coverage too low\",\"context_updates\":{\"coverage\":\"41\"}}' "
                + "> \"$ATTRACTOR_STAGE_DIR/status.json\"";
        RunResult r = run(env, command, "");

        assertThat(Files.readString(tmp.resolve("run/check/tool_output.txt"))).isEqualTo("hello from check\n");
        assertThat(r.completedNodes()).containsExactly("start", "check", "broken", "done");
        assertThat(r.context()).containsEntry("coverage", "41").containsEntry("tool.output", "hello from check\n");
        assertThat(statusOf("check").path("failure_reason").asText()).isEqualTo("coverage too low");
    }

    @Test
    void realCommandThatTimesOutFails() {
        LocalExecutionEnvironment env = new LocalExecutionEnvironment(tmp, Map.of("PATH", System.getenv("PATH")));
        RunResult r = run(env, "sleep 20", ", timeout=\"300ms\"");
        assertThat(r.nodeOutcomes()).containsEntry("check", "fail");
        assertThat(statusOf("check").path("failure_reason").asText()).startsWith("tool command timed out after 300ms");
    }

    private JsonNode statusOf(String node) {
        try {
            return Json.mapper().readTree(tmp.resolve("run").resolve(node).resolve("status.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
