package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: the durable job queue (admission order, concurrency limit, cancel, survival of a stopped service). */
class JobQueueTest {

    /** A job that stops at a human gate until the test answers it: the test decides when each run may end. */
    private static final String GATE = """
            digraph gate {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [shape=parallelogram, tool_command="echo work"]
                ask   [shape=hexagon, label="Ship?"]
                start -> work -> ask
                ask -> exit [label="[S] Ship"]
            }
            """;

    @TempDir
    Path runs;

    private final List<PipelineEvent> published = new CopyOnWriteArrayList<>();

    private RunRegistry registry(int maxConcurrent) {
        return new RunRegistry(runs, new PipelineLoader(), Map.of(), published::add, maxConcurrent, 64, true);
    }

    private static RunSubmission job() {
        return new RunSubmission("job", GATE, "gate.dot", true, false, "ship it", Map.of(), null, null, null, "local",
                null);
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void answer(ManagedRun run) throws InterruptedException {
        try {
            await(() -> run.state() == RunState.WAITING, "the gate of " + run.id());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (it is " + run.state() + ": " + run.snapshot().failure()
                    + "; completed " + run.snapshot().completedNodes() + ")", e);
        }
        run.questions().answer(run.questions().pending().get(0).question().id(), "S", null);
    }

    @Test
    void runsAreAdmittedInSubmissionOrderAndNeverMoreThanTheLimitAtOnce() throws Exception {
        try (RunRegistry registry = registry(2)) {
            List<ManagedRun> submitted = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                submitted.add(registry.submit(job(), "team"));
            }
            for (ManagedRun run : submitted) {
                answer(run);
            }
            for (ManagedRun run : submitted) {
                await(() -> run.state().terminal(), "the end of " + run.id());
                assertThat(run.state()).as(run.snapshot().failure()).isEqualTo(RunState.SUCCEEDED);
            }
            List<String> order = submitted.stream().map(ManagedRun::id).toList();
            assertThat(started()).containsExactlyInAnyOrderElementsOf(order);
            // admitted in submission order: with two slots, the k-th run (from 0) cannot start before k - 1 runs
            // ended (two runs admitted together may still announce their starts in either order)
            for (int k = 0; k < order.size(); k++) {
                assertThat(completedBeforeStartOf(order.get(k))).as("runs ended before run %d started", k)
                        .isGreaterThanOrEqualTo(k - 1);
            }
            // at most two runs between their start and their end, and two did overlap
            int running = 0;
            int most = 0;
            for (PipelineEvent e : published) {
                if (e instanceof PipelineEvent.PipelineStarted) {
                    most = Math.max(most, ++running);
                } else if (e instanceof PipelineEvent.PipelineCompleted) {
                    running--;
                }
            }
            assertThat(most).isEqualTo(2);
            assertThat(order).extracting(registry::seqOf).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aQueuedJobWaitsBehindTheLimitAndACancelledOneNeverStarts() throws Exception {
        try (RunRegistry registry = registry(1)) {
            ManagedRun first = registry.submit(job(), "");
            ManagedRun second = registry.submit(job(), "");
            ManagedRun third = registry.submit(job(), "");
            await(() -> first.state() == RunState.WAITING, "the first gate");
            assertThat(second.state()).isEqualTo(RunState.QUEUED);
            assertThat(registry.queueDepth()).isEqualTo(2);
            assertThat(second.state().jobStatus()).isEqualTo("queued");

            assertThat(registry.cancel(second.id())).isTrue();
            assertThat(second.state()).isEqualTo(RunState.CANCELLED);
            assertThat(second.state().jobStatus()).isEqualTo("canceled");
            assertThat(registry.cancel(second.id())).as("an ended run cannot be cancelled again").isFalse();

            answer(first);
            answer(third);
            await(() -> third.state().terminal(), "the third run");
            assertThat(started()).containsExactly(first.id(), third.id());
            assertThat(Files.exists(second.dir().resolve("events.jsonl"))).isFalse();
        }
    }

    @Test
    void aRunningJobIsCancelledAndStaysCancelledAfterARestart() throws Exception {
        String id;
        try (RunRegistry registry = registry(1)) {
            ManagedRun run = registry.submit(job(), "");
            id = run.id();
            await(() -> run.state() == RunState.WAITING, "the gate");
            assertThat(run.state().jobStatus()).isEqualTo("running");
            assertThat(registry.cancel(id)).isTrue();
            await(() -> run.state().terminal(), "the cancelled run's end");
            assertThat(run.state()).isEqualTo(RunState.CANCELLED);
        }
        try (RunRegistry again = registry(1)) {
            again.recover();
            assertThat(again.get(id).state()).isEqualTo(RunState.CANCELLED);
        }
        assertThat(entry(id).phase()).isEqualTo(QueueEntry.Phase.ENDED);
        assertThat(entry(id).outcome()).isEqualTo("cancelled");
    }

    @Test
    void afterAStopQueuedJobsAreQueuedInOrderAndTheRunningOneResumesEndingOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        try (RunRegistry first = registry(1)) {
            for (int i = 0; i < 3; i++) {
                ids.add(first.submit(job(), "team-" + i).id());
            }
            await(() -> first.get(ids.get(0)).state() == RunState.WAITING, "the first gate");
            first.get(ids.get(1));
        }
        assertThat(ids).extracting(id -> entry(id).phase())
                .containsExactly(QueueEntry.Phase.ADMITTED, QueueEntry.Phase.QUEUED, QueueEntry.Phase.QUEUED);
        published.clear();
        try (RunRegistry second = registry(1)) {
            assertThat(second.recover()).isEqualTo(3);
            ManagedRun resumed = second.get(ids.get(0));
            assertThat(second.get(ids.get(1)).state()).isEqualTo(RunState.QUEUED);
            assertThat(second.get(ids.get(2)).state()).isEqualTo(RunState.QUEUED);
            assertThat(second.ownerOf(ids.get(2))).isEqualTo("team-2");
            for (String id : ids) {
                answer(second.get(id));
            }
            for (String id : ids) {
                await(() -> second.get(id).state().terminal(), "the end of " + id);
                assertThat(second.get(id).state()).as(second.get(id).snapshot().failure())
                        .isEqualTo(RunState.SUCCEEDED);
            }
            assertThat(resumed.snapshot().completedNodes()).contains("work");
        }
        assertThat(published).filteredOn(e -> e instanceof PipelineEvent.PipelineResumed)
                .extracting(e -> Path.of(((PipelineEvent.PipelineResumed) e).logsRoot()).getFileName().toString())
                .containsExactly(ids.get(0));
        assertThat(started()).containsExactly(ids.get(1), ids.get(2));
        for (String id : ids) {
            List<JsonNode> events = EventsFile.readTrees(runs.resolve(id).resolve("events.jsonl"));
            assertThat(events).filteredOn(e -> e.path("type").asText().equals("pipeline_completed")).hasSize(1);
            assertThat(entry(id).phase()).as("%s: %s", id, entry(id)).isEqualTo(QueueEntry.Phase.ENDED);
        }
    }

    @Test
    void aSecondServiceCannotTakeAQueueInUse() {
        try (RunRegistry first = registry(1)) {
            assertThatThrownBy(() -> registry(1)).isInstanceOf(QueueStoreException.class)
                    .hasMessageContaining("in use by another nightshift service");
        }
        registry(1).close();
    }

    @Test
    void sequencesContinueAfterTheLargestOneKept() throws Exception {
        Set<Long> seen = new HashSet<>();
        try (RunRegistry first = registry(1)) {
            seen.add(first.seqOf(first.submit(job(), "").id()));
        }
        try (RunRegistry second = registry(1)) {
            second.recover();
            long next = second.seqOf(second.submit(job(), "").id());
            assertThat(next).isGreaterThan(seen.iterator().next());
        }
    }

    /** The service's ids of the runs that started, in the order they started (from each run's directory). */
    /** How many runs had completed when {@code id} announced its start. */
    private int completedBeforeStartOf(String id) {
        int completed = 0;
        for (PipelineEvent e : published) {
            if (e instanceof PipelineEvent.PipelineStarted s
                    && Path.of(s.logsRoot()).getFileName().toString().equals(id)) {
                return completed;
            }
            if (e instanceof PipelineEvent.PipelineCompleted) {
                completed++;
            }
        }
        throw new AssertionError(id + " never started");
    }

    private List<String> started() {
        return published.stream().filter(e -> e instanceof PipelineEvent.PipelineStarted)
                .map(e -> Path.of(((PipelineEvent.PipelineStarted) e).logsRoot()).getFileName().toString()).toList();
    }

    private QueueEntry entry(String id) {
        try {
            return Json.mapper().readValue(runs.resolve(id).resolve(RunDirectoryQueueStore.ENTRY).toFile(),
                    QueueEntry.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
