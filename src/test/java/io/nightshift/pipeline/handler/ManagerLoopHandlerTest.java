package io.nightshift.pipeline.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.PipelineEngine;
import io.nightshift.pipeline.engine.RunConfig;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.engine.ScriptedBackend;
import io.nightshift.pipeline.engine.TestPipelines;
import io.nightshift.pipeline.state.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** attractor-spec 4.11: a manager supervising a child pipeline run in-process. */
class ManagerLoopHandlerTest {

    @TempDir
    Path tmp;

    private final CountDownLatch slowInterrupted = new CountDownLatch(1);

    private static final String CHILD = """
            digraph child {
                start [shape=Mdiamond]
                work [prompt="Work"]
                %s
                done [shape=Msquare]
                start -> work -> %s done
            }
            """;

    private static final String PARENT = """
            digraph parent {
                graph [goal="Supervise", "stack.child_dotfile"="child.dot"]
                start [shape=Mdiamond]
                manager [shape=house, "manager.poll_interval"="20ms" %s]
                done [shape=Msquare]
                start -> manager -> done
            }
            """;

    private RunResult run(String childDot, String managerAttrs, CodergenBackend backend) {
        write(tmp.resolve("child.dot"), childDot);
        Path parentFile = tmp.resolve("parent.dot");
        write(parentFile, PARENT.formatted(managerAttrs));
        GraphLoader loader = path -> {
            try {
                return TestPipelines.prepare(Files.readString(path), "slow");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        var parent = TestPipelines.prepare(PARENT.formatted(managerAttrs));
        var located = new io.nightshift.pipeline.graph.Graph(parent.id(), parentFile.toString(), parent.attrs(),
                parent.nodes().values(), parent.edges());
        return new PipelineEngine(RunConfig.builder(tmp.resolve("run")).backend(backend).graphLoader(loader)
                .registryCustomizer(r -> r.register("slow", stage -> {
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        slowInterrupted.countDown();
                        throw e;
                    }
                    return Outcome.success();
                })).build()).run(located);
    }

    @Test
    void managerSucceedsWhenTheChildCompletes() {
        RunResult r = run(CHILD.formatted("", ""), "", new ScriptedBackend());

        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.context()).containsEntry("context.stack.child.status", "completed")
                .containsEntry("context.stack.child.outcome", "success")
                .containsEntry("context.stack.child.completed_nodes", 3);
        assertThat(tmp.resolve("run/manager/child/checkpoint.json")).exists();
        assertThat(tmp.resolve("run/manager/child/work/response.md")).exists();
    }

    @Test
    void managerFailsWhenTheChildFails() {
        ScriptedBackend backend = new ScriptedBackend().outcomes("work", Outcome.fail("child broke"));
        RunResult r = run(CHILD.formatted("", ""), "", backend);
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).isEqualTo("child pipeline failed: child broke");
    }

    @Test
    void stopConditionEndsSupervisionAndCancelsTheChild() throws Exception {
        RunResult r = run(CHILD.formatted("slow [type=slow]", "slow ->"),
                ", \"manager.stop_condition\"=\"context.stack.child.current_node=slow\"", new ScriptedBackend());
        assertThat(r.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.context()).containsEntry("context.stack.child.current_node", "slow");
        assertThat(slowInterrupted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void managerGivesUpAfterMaxCycles() {
        RunResult r = run(CHILD.formatted("slow [type=slow]", "slow ->"), ", \"manager.max_cycles\"=3",
                new ScriptedBackend());
        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(r.failureReason()).startsWith("manager 'manager': max_cycles (3) exceeded")
                .contains("raise manager.max_cycles");
    }

    @Test
    void managerWithoutChildDotfileFailsClearly() {
        RunResult r = new PipelineEngine(RunConfig.builder(tmp.resolve("run")).build()).run(TestPipelines.prepare(
                "digraph p { start [shape=Mdiamond]; m [shape=house]; done [shape=Msquare]; start -> m -> done }"));
        assertThat(r.failureReason()).contains("has no stack.child_dotfile");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A child stage's agent that waits to be steered, then answers with what it was told. */
    private static final class SteerableAgent implements CodergenBackend {
        final java.util.List<String> steeredRuns = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.BlockingQueue<String> inbox = new java.util.concurrent.LinkedBlockingQueue<>();
        private volatile String workingRun = "";

        @Override
        public CodergenResult run(StageCall call) throws Exception {
            workingRun = call.runId();
            try {
                String told = inbox.poll(60, java.util.concurrent.TimeUnit.SECONDS);
                return CodergenResult.text(told == null ? "never steered" : "steered: " + told);
            } finally {
                workingRun = "";
            }
        }

        @Override
        public int steer(String runId, String message) {
            if (!runId.equals(workingRun)) {
                return 0;
            }
            steeredRuns.add(runId);
            inbox.add(message);
            return 1;
        }
    }

    @Test
    void steerHandsTheManagersPromptToTheAgentOfTheChildsWorkingStageOnce() throws Exception {
        SteerableAgent agent = new SteerableAgent();
        RunResult r = run(CHILD.formatted("", ""), ", \"manager.actions\"=\"observe,steer,wait\","
                + " prompt=\"Stop refactoring; fix the failing test first\"", agent);

        assertThat(r.status()).as(r.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(tmp.resolve("run/manager/child/work/response.md")).content()
                .isEqualTo("steered: Stop refactoring; fix the failing test first");
        assertThat(tmp.resolve("run/manager/child/work/steer.md")).content()
                .isEqualTo("Stop refactoring; fix the failing test first");
        assertThat(agent.steeredRuns).singleElement().satisfies(id -> assertThat(id).contains("-child-"));
    }

    @Test
    void withoutSteerInItsActionsTheManagerNeverSteers() {
        SteerableAgent agent = new SteerableAgent();
        // the child's agent waits for a steer that never comes (60 s), then answers; the manager only observes
        RunResult r = run(CHILD.formatted("", ""), ", prompt=\"Hurry\", \"manager.max_cycles\"=3", agent);

        assertThat(r.status()).isEqualTo(RunStatus.FAIL);
        assertThat(agent.steeredRuns).isEmpty();
        assertThat(tmp.resolve("run/manager/child/work/steer.md")).doesNotExist();
    }
}
