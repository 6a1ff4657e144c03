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

    /**
     * An interrupt nobody asked the engine for (a stopping service interrupting its runs' threads) stops the run as
     * a kill would: no terminal checkpoint or event, the interrupted stage not recorded, and a resume runs it again.
     */
    @Test
    void anInterruptFromTheThreadsOwnerStopsTheRunResumably() throws Exception {
        PipelineEngine engine = new PipelineEngine(RunConfig.builder(tmp.resolve("run"))
                .registryCustomizer(reg -> reg.register("codergen", stage -> {
                    Thread.sleep(60_000);
                    return null;
                })).build());
        Throwable[] thrown = new Throwable[1];
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                engine.run(TestPipelines.prepare(ResumeTest.LINEAR));
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        while (engine.completedCount() < 1) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        runner.interrupt();
        runner.join(60_000);

        assertThat(thrown[0]).isInstanceOf(RunStoppedException.class).hasMessageContaining("stage 'a'");
        String checkpoint = Files.readString(tmp.resolve("run/checkpoint.json"));
        assertThat(checkpoint).contains("\"status\":\"running\"").doesNotContain("\"a\"");
        assertThat(Files.readString(tmp.resolve("run/events.jsonl"))).doesNotContain("pipeline_cancelled")
                .doesNotContain("pipeline_failed");

        RunResult resumed = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).resume(true).build())
                .run(TestPipelines.prepare(ResumeTest.LINEAR));
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(resumed.completedNodes()).containsExactly("start", "a", "b", "c", "d", "done");
    }
}
