package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.ScriptedBackend;
import io.nightshift.pipeline.engine.TestPipelines;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 9.7: hooks are resolved per stage and reach the backend in its stage call (the agent runs them). */
class StageToolHooksTest {

    @TempDir
    Path tmp;

    @Test
    void eachStageGetsItsNodeHooksOverTheGraphHooksInItsCall() {
        String dot = """
                digraph h {
                    graph ["tool_hooks.pre"="audit-pre", "tool_hooks.post"="audit-post"]
                    start [shape=Mdiamond]
                    plain [prompt="Work"]
                    own [prompt="Work", "tool_hooks.pre"="  guard  "]
                    done [shape=Msquare]
                    start -> plain -> own -> done
                }
                """;
        java.util.Map<String, StageToolHooks> seen = new java.util.concurrent.ConcurrentHashMap<>();
        ScriptedBackend backend = new ScriptedBackend()
                .on("plain", call -> record(seen, call))
                .on("own", call -> record(seen, call));
        new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).build())
                .run(TestPipelines.prepare(dot));

        assertThat(seen).containsEntry("plain", new StageToolHooks("audit-pre", "audit-post"))
                .containsEntry("own", new StageToolHooks("guard", "audit-post"));
    }

    private static CodergenResult record(java.util.Map<String, StageToolHooks> seen, StageCall call) {
        seen.put(call.node().id(), call.toolHooks());
        return CodergenResult.text("done");
    }
}
