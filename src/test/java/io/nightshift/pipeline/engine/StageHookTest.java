package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The after-stage hook the runtime uses to commit the workspace after each checkpoint. */
class StageHookTest {

    @TempDir
    Path tmp;

    @Test
    void runsAfterEachStageOnceItsCheckpointIsOnDisk() {
        List<String> seen = new ArrayList<>();
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).stageHook((id, outcome, root) -> {
            assertThat(Files.readString(root.resolve("checkpoint.json"))).contains("\"current_node\":\"" + id + "\"");
            seen.add(id + ":" + outcome.status().wireName());
        }).build()).run(TestPipelines.prepare(ResumeTest.LINEAR));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(seen).containsExactly("start:success", "a:success", "b:success", "c:success", "d:success",
                "done:success");
    }

    @Test
    void aFailingHookFailsTheRunWithItsMessage() {
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).stageHook((id, outcome, root) -> {
            if (id.equals("b")) {
                throw new IllegalStateException("git commit failed: disk full");
            }
        }).build()).run(TestPipelines.prepare(ResumeTest.LINEAR));

        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("after-stage hook failed for 'b': git commit failed: disk full");
        assertThat(r.completedNodes()).containsExactly("start", "a", "b");
    }

    @Test
    void anInterruptedEngineThreadStillWritesItsFinalCheckpoint() throws Exception {
        PipelineEngine engine = new PipelineEngine(RunConfig.builder(tmp.resolve("run"))
                .registryCustomizer(reg -> reg.register("codergen", stage -> {
                    Thread.sleep(60_000);
                    return null;
                })).build());
        RunResult[] result = new RunResult[1];
        Thread runner = Thread.ofPlatform().start(() -> result[0] = engine.run(TestPipelines.prepare(ResumeTest.LINEAR)));
        while (engine.completedCount() < 1) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        runner.interrupt();
        runner.join(10_000);

        assertThat(result[0].status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(Files.readString(tmp.resolve("run/checkpoint.json"))).contains("\"status\":\"cancelled\"");
    }
}
