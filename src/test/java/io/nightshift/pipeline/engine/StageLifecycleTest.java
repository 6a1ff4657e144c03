package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.handler.Handler;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.state.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, cancellation, loop restarts, auto_status, skipped stages and custom handlers. */
class StageLifecycleTest {

    @TempDir
    Path tmp;

    private static final String CUSTOM = """
            digraph custom {
                start [shape=Mdiamond]
                work  [type="my_custom" %s]
                done  [shape=Msquare]
                start -> work -> done
            }
            """;

    private RunResult runCustom(String attrs, Handler handler, RecordingSink sink) {
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).sink(sink)
                .registryCustomizer(r -> r.register("my_custom", handler)).build())
                .run(TestPipelines.prepare(CUSTOM.formatted(attrs), "my_custom"));
    }

    @Test
    void customHandlerRegisteredByTypeStringRunsAndItsContextUpdatesAreMerged() {
        RunResult r = runCustom("", stage -> Outcome.success("custom ran")
                .withContextUpdates(java.util.Map.of("custom.value", stage.node().id())), new RecordingSink());

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.context()).containsEntry("custom.value", "work");
    }

    @Test
    void stageThatExceedsItsTimeoutIsInterruptedAndFails() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        RunResult r = runCustom(", timeout=\"150ms\"", stage -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return Outcome.success();
        }, new RecordingSink());

        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("stage 'work' exceeded its timeout of 150ms and was cancelled");
        assertThat(r.failedNode()).isEqualTo("work");
        assertThat(interrupted.await(60, TimeUnit.SECONDS)).as("the stage's thread was interrupted").isTrue();
    }

    @Test
    void cancelInterruptsTheRunningStageAndEndsTheRunAsCancelled() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean sawInterrupt = new AtomicBoolean();
        RecordingSink sink = new RecordingSink();
        PipelineEngine engine = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).sink(sink)
                .registryCustomizer(r -> r.register("my_custom", stage -> {
                    running.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        sawInterrupt.set(true);
                        throw e;
                    }
                    return Outcome.success();
                })).build());
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                running.await();
                engine.cancel("user pressed stop");
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });

        RunResult r = engine.run(TestPipelines.prepare(CUSTOM.formatted(""), "my_custom"));
        canceller.join();

        assertThat(r.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(r.failureReason()).isEqualTo("user pressed stop");
        assertThat(r.completedNodes()).containsExactly("start");
        assertThat(sawInterrupt).isTrue();
        assertThat(sink.trace()).endsWith("stage_started:work", "stage_failed:work:fail", "checkpoint_saved:start",
                "pipeline_cancelled:work");
        JsonNode checkpoint = Json.mapper().readTree(tmp.resolve("run/checkpoint.json").toFile());
        assertThat(checkpoint.path("status").asText()).isEqualTo("cancelled");
        assertThat(checkpoint.path("current_node").asText()).isEqualTo("start");
    }

    @Test
    void handlerExceptionsBecomeFailOutcomes() {
        RunResult r = runCustom("", stage -> {
            throw new IllegalArgumentException("the widget is missing");
        }, new RecordingSink());
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("the widget is missing");
    }

    @Test
    void autoStatusSynthesisesSuccessWhenTheHandlerReportsNothing() throws Exception {
        RunResult r = runCustom(", auto_status=true", stage -> null, new RecordingSink());
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        JsonNode status = Json.mapper().readTree(tmp.resolve("run/work/status.json").toFile());
        assertThat(status.path("outcome").asText()).isEqualTo("success");
        assertThat(status.path("notes").asText()).isEqualTo("auto-status: handler completed without writing status");
    }

    @Test
    void withoutAutoStatusASilentHandlerFailsWithAClearReason() {
        RunResult r = runCustom("", stage -> null, new RecordingSink());
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).contains("reported no outcome and wrote no status.json", "auto_status=true");
    }

    @Test
    void aStatusFileWrittenByASilentHandlerIsHonoured() {
        RunResult r = runCustom("", stage -> {
            stage.writeFile("status.json", "{\"outcome\": \"fail\", \"failure_reason\": \"lint errors\"}");
            return null;
        }, new RecordingSink());
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("lint errors");
    }

    @Test
    void skippedStageIsCompletedWithoutRecordingAnOutcome() {
        RunResult r = runCustom("", stage -> Outcome.skipped("nothing to do"), new RecordingSink());
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.completedNodes()).containsExactly("start", "work", "done");
        assertThat(r.nodeOutcomes()).doesNotContainKey("work");
    }

    @Test
    void loopRestartRelaunchesInAFreshRestartDirectoryInsideTheFirst() throws Exception {
        String dot = """
                digraph loop {
                    start [shape=Mdiamond]
                    attempt [prompt="Attempt"]
                    done [shape=Msquare]
                    start -> attempt
                    attempt -> done [condition="outcome=success"]
                    attempt -> attempt [condition="outcome=fail", loop_restart=true]
                }
                """;
        ScriptedBackend backend = new ScriptedBackend().outcomes("attempt", Outcome.fail("first try"));
        RecordingSink sink = new RecordingSink();
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).sink(sink).build())
                .run(TestPipelines.prepare(dot));

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.logsRoot()).isEqualTo(tmp.resolve("run/restart-1").toAbsolutePath());
        assertThat(r.completedNodes()).containsExactly("attempt", "done");
        assertThat(sink.trace()).contains("loop_restarted:attempt>attempt");
        JsonNode manifest = Json.mapper().readTree(r.logsRoot().resolve("manifest.json").toFile());
        assertThat(manifest.path("restarted_from").asText()).isEqualTo(tmp.resolve("run").toAbsolutePath().toString());
        assertThat(Files.readString(tmp.resolve("run/checkpoint.json"))).contains("\"status\":\"restarted\"");
        assertThat(Files.readAllLines(r.logsRoot().resolve("events.jsonl")).get(0)).contains("pipeline_started");
    }

    @Test
    void builtInContextKeysAreSetForEveryStage() {
        String dot = """
                digraph ctx {
                    graph [goal="Ship the feature", label="Feature run"]
                    start [shape=Mdiamond]
                    write [prompt="Write"]
                    done [shape=Msquare]
                    start -> write -> done
                }
                """;
        String longText = "x".repeat(500);
        ScriptedBackend backend = new ScriptedBackend().on("write", call -> {
            var c = call.context();
            assertThat(c.getString("current_node")).isEqualTo("write");
            assertThat(c.getString("graph.goal")).isEqualTo("Ship the feature");
            return CodergenResult.text(longText);
        });
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend)
                .set("ticket", "NS-7").build()).run(TestPipelines.prepare(dot));

        assertThat(r.context()).containsEntry("graph.goal", "Ship the feature")
                .containsEntry("graph.label", "Feature run").containsEntry("last_stage", "write")
                .containsEntry("last_response", "x".repeat(200)).containsEntry("outcome", "success")
                .containsEntry("current_node", "done").containsEntry("ticket", "NS-7")
                .doesNotContainKey("internal.retry_count.write");
        assertThat(backend.calls()).hasSize(1);
    }

    @Test
    void aSinkThatThrowsDoesNotDisturbTheRun() {
        RecordingSink good = new RecordingSink();
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run"))
                .sink(e -> { throw new IllegalStateException("broken sink"); }).sink(good).build())
                .run(TestPipelines.prepare(CUSTOM.formatted(", type=codergen").replace("type=\"my_custom\" ,", "")));
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(good.ofType(PipelineEvent.PipelineCompleted.class)).hasSize(1);
    }
}
