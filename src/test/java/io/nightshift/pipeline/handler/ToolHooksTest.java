package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.ScriptedBackend;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.sandbox.LocalExecutionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 9.7: hooks are resolved per stage and run around tool calls by the backend. */
class ToolHooksTest {

    @TempDir
    Path tmp;

    @Test
    void stageHooksReachTheBackendAndAFailingPreHookSkipsTheCall() throws Exception {
        String dot = """
                digraph h {
                    graph ["tool_hooks.pre"="grep -q '\\"tool_name\\":\\"shell\\"' && exit 3 || exit 0", "tool_hooks.post"="cat"]
                    start [shape=Mdiamond]
                    work [prompt="Work"]
                    done [shape=Msquare]
                    start -> work -> done
                }
                """;
        LocalExecutionEnvironment env = new LocalExecutionEnvironment(tmp, Map.of("PATH", System.getenv("PATH")));
        AtomicReference<ToolHooks.HookResult> shell = new AtomicReference<>();
        AtomicReference<ToolHooks.HookResult> read = new AtomicReference<>();
        ScriptedBackend backend = new ScriptedBackend().on("work", (node, context) -> {
            ToolHooks hooks = ToolHooks.fromContext(context);
            Path stage = Path.of(context.getString("internal.stage_dir"));
            shell.set(hooks.beforeToolCall(env, stage, node.id(), "shell", Map.of("command", "rm -rf /"),
                    Duration.ofSeconds(10)));
            read.set(hooks.beforeToolCall(env, stage, node.id(), "read_file", Map.of("path", "a.txt"),
                    Duration.ofSeconds(10)));
            hooks.afterToolCall(env, stage, node.id(), "read_file", Map.of("path", "a.txt"), "contents", false,
                    Duration.ofSeconds(10));
            return CodergenResult.text("done");
        });
        new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).build())
                .run(TestPipelines.prepare(dot));

        assertThat(shell.get().proceed()).isFalse();
        assertThat(shell.get().exitCode()).isEqualTo(3);
        assertThat(read.get().proceed()).isTrue();
        assertThat(Files.readAllLines(tmp.resolve("run/work/tool_hooks.log"))).hasSize(3)
                .anyMatch(l -> l.startsWith("pre shell exit=3")).anyMatch(l -> l.startsWith("post read_file exit=0")
                        && l.contains("\"result\":\"contents\""));
    }
}
