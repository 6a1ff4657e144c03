package io.nightshift.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.PipelineException;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.state.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and resume (attractor-spec 5.3, DoD 11.7, parity row "checkpoint save and resume produces same
 * result"). A kill is simulated by copying the run directory at the instant of a chosen event: the copy is exactly
 * what a SIGKILL at that moment would leave, because every file is written atomically before the event is sent.
 */
class ResumeTest {

    static final String LINEAR = """
            digraph resume {
                graph [goal="Resume me"]
                start [shape=Mdiamond]
                a [prompt="A"]
                b [prompt="B"]
                c [prompt="C"]
                d [prompt="D"]
                done [shape=Msquare]
                start -> a -> b -> c -> d -> done
            }
            """;

    @TempDir
    Path tmp;

    private Path killedCopy;

    /** A sink that snapshots the run directory when {@code when} first matches. */
    private RecordingSink killAt(Path runDir, Predicate<PipelineEvent> when) {
        killedCopy = tmp.resolve("killed");
        return new RecordingSink(e -> {
            if (when.test(e) && !Files.exists(killedCopy)) {
                copy(runDir, killedCopy);
            }
        });
    }

    private static Predicate<PipelineEvent> checkpointOf(String node) {
        return e -> e instanceof PipelineEvent.CheckpointSaved c && c.nodeId().equals(node);
    }

    private static Predicate<PipelineEvent> stageStartOf(String node) {
        return e -> e instanceof PipelineEvent.StageStarted s && s.nodeId().equals(node);
    }

    private RunResult resume(Path dir, ScriptedBackend backend, RecordingSink sink, Graph graph) {
        return new PipelineEngine(RunConfig.builder(dir).backend(backend).sink(sink).resume(true).build()).run(graph);
    }

    @Test
    void resumeAfterAStageContinuesWithTheNextOneAndEndsLikeAnUninterruptedRun() {
        Graph graph = TestPipelines.prepare(LINEAR);
        Path run = tmp.resolve("run");
        RunResult full = new PipelineEngine(RunConfig.builder(run).sink(killAt(run, checkpointOf("b"))).build())
                .run(graph);

        ScriptedBackend backend = new ScriptedBackend();
        RecordingSink sink = new RecordingSink();
        RunResult resumed = resume(killedCopy, backend, sink, graph);

        assertThat(backend.calledNodes()).containsExactly("c", "d");
        assertThat(resumed.status()).isEqualTo(full.status());
        assertThat(resumed.completedNodes()).isEqualTo(full.completedNodes());
        assertThat(resumed.nodeOutcomes()).isEqualTo(full.nodeOutcomes());
        assertThat(resumed.runId()).isEqualTo(full.runId());
        assertThat(resumed.context()).containsEntry("last_stage", "d").containsEntry("graph.goal", "Resume me");
        assertThat(sink.trace().get(0)).isEqualTo("pipeline_resumed:b>c");
    }

    @Test
    void aRunKilledMidStageReRunsOnlyTheInterruptedStageEvenWithATornEventLine() throws IOException {
        Graph graph = TestPipelines.prepare(LINEAR);
        Path run = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(run).sink(killAt(run, stageStartOf("c"))).build()).run(graph);
        Path events = killedCopy.resolve("events.jsonl");
        long lastSeq = EventsFile.lastSeq(events);
        Files.writeString(events, "{\"type\":\"stage_compl", StandardOpenOption.APPEND);

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = resume(killedCopy, backend, new RecordingSink(), graph);

        assertThat(backend.calledNodes()).containsExactly("c", "d");
        assertThat(resumed.completedNodes()).containsExactly("start", "a", "b", "c", "d", "done");
        List<JsonNode> lines = EventsFile.readTrees(events);
        assertThat(lines.stream().map(l -> l.path("seq").asLong()).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(lines.stream().filter(l -> l.path("seq").asLong() == lastSeq + 1).findFirst().orElseThrow()
                .path("type").asText()).isEqualTo("pipeline_resumed");
    }

    @Test
    void resumeFollowsTheEdgeTheStoredOutcomeChose() {
        String dot = """
                digraph choose {
                    start [shape=Mdiamond]
                    decide [prompt="Decide"]
                    left [prompt="Left"]
                    right [prompt="Right"]
                    done [shape=Msquare]
                    start -> decide
                    decide -> left [label="Left", weight=9]
                    decide -> right [label="Right"]
                    left -> done
                    right -> done
                }
                """;
        Graph graph = TestPipelines.prepare(dot);
        Path run = tmp.resolve("run");
        ScriptedBackend first = new ScriptedBackend().outcomes("decide", Outcome.success().withPreferredLabel("Right"));
        new PipelineEngine(RunConfig.builder(run).backend(first).sink(killAt(run, checkpointOf("decide"))).build())
                .run(graph);

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = resume(killedCopy, backend, new RecordingSink(), graph);
        assertThat(backend.calledNodes()).containsExactly("right");
        assertThat(resumed.completedNodes()).containsExactly("start", "decide", "right", "done");
    }

    @Test
    void aCancelledRunResumesAtTheStageThatWasCancelled() {
        Graph graph = TestPipelines.prepare(LINEAR);
        Path run = tmp.resolve("run");
        PipelineEngine[] engine = new PipelineEngine[1];
        engine[0] = new PipelineEngine(RunConfig.builder(run).sink(new RecordingSink(e -> {
            if (stageStartOf("b").test(e)) {
                engine[0].cancel();
            }
        })).build());
        assertThat(engine[0].run(graph).status()).isEqualTo(RunStatus.CANCELLED);

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = resume(run, backend, new RecordingSink(), graph);
        assertThat(backend.calledNodes()).containsExactly("b", "c", "d");
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void aFailedRunResumesByRetryingTheStageThatFailed() {
        Graph graph = TestPipelines.prepare(LINEAR);
        Path run = tmp.resolve("run");
        RunResult failed = new PipelineEngine(RunConfig.builder(run)
                .backend(new ScriptedBackend().outcomes("b", Outcome.fail("network down"))).build()).run(graph);
        assertThat(failed.status()).isEqualTo(RunStatus.FAIL);

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = resume(run, backend, new RecordingSink(), graph);
        assertThat(backend.calledNodes()).containsExactly("b", "c", "d");
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void resumingACompletedRunRunsNothing() {
        Graph graph = TestPipelines.prepare(LINEAR);
        Path run = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(run).build()).run(graph);

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = resume(run, backend, new RecordingSink(), graph);
        assertThat(backend.calledNodes()).isEmpty();
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(resumed.completedNodes()).containsExactly("start", "a", "b", "c", "d", "done");
    }

    @Test
    void resumeBeforeTheFirstCheckpointStartsFromTheStart() throws IOException {
        Graph graph = TestPipelines.prepare(LINEAR);
        Path run = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(run).sink(killAt(run, e -> e instanceof PipelineEvent.PipelineStarted))
                .build()).run(graph);
        Files.deleteIfExists(killedCopy.resolve("checkpoint.json"));

        ScriptedBackend backend = new ScriptedBackend();
        RunResult resumed = resume(killedCopy, backend, new RecordingSink(), graph);
        assertThat(backend.calledNodes()).containsExactly("a", "b", "c", "d");
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCESS);
    }

    @Test
    void fullFidelityDegradesToSummaryHighForTheFirstStageAfterResumeOnly() {
        Graph graph = TestPipelines.prepare(LINEAR.replace("graph [goal=\"Resume me\"]",
                "graph [goal=\"Resume me\", default_fidelity=full]"));
        Path run = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(run).sink(killAt(run, checkpointOf("b"))).build()).run(graph);

        ScriptedBackend backend = new ScriptedBackend();
        resume(killedCopy, backend, new RecordingSink(), graph);
        assertThat(backend.calls()).extracting(ScriptedBackend.Call::fidelity).containsExactly("summary:high", "full");
    }

    @Test
    void resumeOfAMissingDirectoryOrAForeignCheckpointSaysWhatIsWrong() throws IOException {
        Graph graph = TestPipelines.prepare(LINEAR);
        assertThatThrownBy(() -> resume(tmp.resolve("nope"), new ScriptedBackend(), new RecordingSink(), graph))
                .isInstanceOf(PipelineException.class).hasMessageContaining("cannot resume")
                .hasMessageContaining("does not exist");

        Path run = tmp.resolve("run");
        new PipelineEngine(RunConfig.builder(run).build()).run(graph);
        Graph other = TestPipelines.prepare("digraph x { start [shape=Mdiamond]; finish [shape=Msquare]; start -> finish }");
        assertThatThrownBy(() -> resume(run, new ScriptedBackend(), new RecordingSink(), other))
                .isInstanceOf(PipelineException.class).hasMessageContaining("names node 'done'")
                .hasMessageContaining("resume with the DOT file the run started with");
        assertThat(Files.readString(run.resolve("checkpoint.json"))).contains("\"status\":\"success\"");
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
