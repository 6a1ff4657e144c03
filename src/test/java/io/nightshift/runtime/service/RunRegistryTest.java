package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.event.PipelineEvent;
import io.nightshift.runtime.InvalidPipelineException;
import io.nightshift.runtime.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRegistryTest {

    private static final String GATE = """
            digraph gate {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [prompt="do it"]
                ask   [shape=hexagon, label="Ship?"]
                ship  [prompt="ship"]
                fix   [prompt="fix"]
                start -> work -> ask
                ask -> ship [label="[S] Ship"]
                ask -> fix  [label="[F] Fix"]
                ship -> exit
                fix -> exit
            }
            """;

    @TempDir
    Path runs;

    private final List<PipelineEvent> published = new CopyOnWriteArrayList<>();

    private RunRegistry registry() {
        return new RunRegistry(runs, new PipelineLoader(), Map.of(), published::add, 4, 64, true);
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void runLeftAtAGateByAStoppedServiceIsRecoveredAsInterruptedAndResumes() throws Exception {
        String id;
        try (RunRegistry first = registry()) {
            ManagedRun run = first.submit(RunSubmission.pipeline(GATE, true, false, "ship it", Map.of()));
            id = run.id();
            await(() -> run.state() == RunState.WAITING, "the gate");
        }
        try (RunRegistry second = registry()) {
            assertThat(second.recover()).isEqualTo(1);
            ManagedRun again = second.get(id);
            assertThat(again.state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(again.snapshot().completedNodes()).contains("work");
            assertThat(again.snapshot().stageDurationsMs()).containsKey("work");
            second.resume(id);
            await(() -> again.state() == RunState.WAITING || again.state().terminal(), "the gate after resume");
            assertThat(again.state()).as(again.snapshot().failure()).isEqualTo(RunState.WAITING);
            String qid = again.questions().pending().get(0).question().id();
            again.questions().answer(qid, "F", null);
            await(() -> again.state() == RunState.SUCCEEDED, "the end");
            assertThat(again.snapshot().completedNodes()).contains("fix").doesNotContain("ship");
            assertThatThrownBy(() -> second.resume(id)).isInstanceOf(RunStateException.class);
        }
        assertThat(published).extracting(e -> e.getClass().getSimpleName())
                .contains("PipelineStarted", "PipelineResumed", "PipelineCompleted");
    }

    @Test
    void satisfactionOfAJudgedRunIsOnItsSnapshotAndSurvivesARestart() throws Exception {
        String judged = """
                digraph greet {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    build [shape=parallelogram, tool_command="echo hello > greet.txt"]
                    judge [type="harness", harness.suite="greet"]
                    start -> build -> judge -> exit
                }
                """;
        RunSubmission submission = new RunSubmission("pipeline", judged, null, true, true, null, Map.of(), null, null,
                null, "local", null, true);
        String id;
        try (RunRegistry first = registry()) {
            first.useHarness(new io.nightshift.runtime.harness.FakeGateway(call -> true));
            ManagedRun run = first.submit(submission);
            id = run.id();
            await(() -> run.state().terminal(), "the end of the judged run");
            assertThat(run.state()).as(run.snapshot().failure()).isEqualTo(RunState.SUCCEEDED);
            assertThat(run.snapshot().satisfaction()).isEqualTo(1.0);
            assertThat(run.snapshot().satisfactionBySuite()).containsEntry("greet", 1.0);
        }
        try (RunRegistry second = registry()) {
            second.recover();
            assertThat(second.get(id).snapshot().satisfaction()).isEqualTo(1.0);
        }
    }

    @Test
    void judgedRunsAreRefusedAtSubmissionWhileNoStoreIsConnected() {
        String judged = "digraph g { start [shape=Mdiamond]\n exit [shape=Msquare]\n"
                + " judge [type=\"harness\", harness.suite=\"greet\"]\n start -> judge -> exit }";
        try (RunRegistry registry = registry()) {
            registry.useHarness(io.nightshift.runtime.harness.HarnessGateway.unavailable("no store here"));
            assertThatThrownBy(() -> registry.submit(RunSubmission.pipeline(judged, true, true, null, Map.of())))
                    .isInstanceOf(InvalidSubmissionException.class)
                    .hasMessageStartingWith("holdout judging is not available: no store here");
            assertThat(registry.list()).isEmpty();
        }
    }

    @Test
    void runThatNeverStartedStartsOverWhenResumed() throws Exception {
        Path dir = runs.resolve("gate-00000000");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RunRegistry.PIPELINE), GATE);
        io.nightshift.pipeline.run.Json.mapper().writeValue(dir.resolve(RunRegistry.SUBMISSION).toFile(),
                RunSubmission.pipeline(GATE, true, true, null, Map.of()));
        try (RunRegistry registry = registry()) {
            registry.recover();
            ManagedRun run = registry.get("gate-00000000");
            assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
            registry.resume(run.id());
            await(() -> run.state() == RunState.SUCCEEDED, "the auto-approved run");
        }
    }

    @Test
    void invalidPipelineIsRefusedWithDiagnosticsAndLeavesNoRun() {
        try (RunRegistry registry = registry()) {
            assertThatThrownBy(() -> registry.submit(RunSubmission.pipeline("digraph g { a -> b }", true, false, null,
                    Map.of()))).isInstanceOf(InvalidPipelineException.class)
                    .satisfies(e -> assertThat(((InvalidPipelineException) e).diagnostics()).isNotEmpty());
            assertThat(registry.list()).isEmpty();
            assertThatThrownBy(() -> registry.get("nope")).isInstanceOf(RunNotFoundException.class);
        }
    }
}
