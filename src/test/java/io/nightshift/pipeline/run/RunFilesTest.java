package io.nightshift.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.pipeline.PipelineException;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifact store (attractor-spec 5.5), status files (Appendix C) and the event log. */
class RunFilesTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void smallArtifactsStayInMemoryLargeOnesGoToDisk() {
        ArtifactStore store = new ArtifactStore(tmp, false, clock);
        ArtifactInfo small = store.store("plan", "Plan", Map.of("steps", List.of("a", "b")));
        ArtifactInfo large = store.store("log", "Build log", "x".repeat(150 * 1024));

        assertThat(small.fileBacked()).isFalse();
        assertThat(large).isEqualTo(new ArtifactInfo("log", "Build log", 150 * 1024 + 2, clock.instant(), true));
        assertThat(tmp.resolve("artifacts/log.json")).exists();
        assertThat(store.retrieve("log")).isEqualTo("x".repeat(150 * 1024));
        assertThat(store.retrieve("plan")).isEqualTo(Map.of("steps", List.of("a", "b")));
        assertThat(store.list()).extracting(ArtifactInfo::id).containsExactly("plan", "log");

        store.remove("log");
        assertThat(store.has("log")).isFalse();
        assertThat(tmp.resolve("artifacts/log.json")).doesNotExist();
        assertThatThrownBy(() -> store.retrieve("log")).isInstanceOf(PipelineException.class)
                .hasMessageContaining("artifact 'log' not found");
        assertThatThrownBy(() -> store.store("../evil", "x", "y")).hasMessageContaining("not usable as a file name");
    }

    @Test
    void statusFileRoundTripsAndBrokenFilesBecomeClearFailures() throws Exception {
        Outcome o = new Outcome(StageStatus.PARTIAL_SUCCESS, "Fix", List.of("fix"), Map.of("k", "v"), "notes", "");
        Files.write(tmp.resolve("status.json"), StatusFile.render(o, "compact", "t1"));
        assertThat(StatusFile.read(tmp)).contains(o);

        Files.writeString(tmp.resolve("status.json"), "{\"notes\": \"forgot the outcome\"}");
        Outcome broken = StatusFile.read(tmp).orElseThrow();
        assertThat(broken.status()).isEqualTo(StageStatus.FAIL);
        assertThat(broken.failureReason()).contains("is not a valid status file", "'outcome' field is missing");

        Files.writeString(tmp.resolve("status.json"), "{\"outcome\": \"great\"}");
        assertThat(StatusFile.read(tmp).orElseThrow().failureReason()).contains("'great' is not a stage status");
        assertThat(StatusFile.read(tmp.resolve("nowhere"))).isEmpty();
    }

    @Test
    void eventLogSkipsATornLastLineAndContinuesOnAFreshLine() throws Exception {
        Path file = tmp.resolve("events.jsonl");
        PipelineEvent first = new PipelineEvent.CheckpointSaved("r", 1, clock.instant(), "a");
        PipelineEvent second = new PipelineEvent.CheckpointSaved("r", 2, clock.instant(), "b");
        try (EventsFile log = new EventsFile(file).open()) {
            log.accept(first);
        }
        Files.writeString(file, "{\"type\":\"checkpoint_sa", StandardOpenOption.APPEND);
        assertThat(EventsFile.read(file)).containsExactly(first);
        assertThat(EventsFile.lastSeq(file)).isEqualTo(1);

        try (EventsFile log = new EventsFile(file).open()) {
            log.accept(second);
        }
        assertThat(EventsFile.read(file)).containsExactly(first, second);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void eventsSerialiseWithSnakeCaseTypeAndFields() throws Exception {
        PipelineEvent e = new PipelineEvent.StageFailed("run-1", 7, clock.instant(), "build", "Build", "tool", 3, 2,
                15, "fail", "exit 1", true);
        String json = Json.mapper().writeValueAsString(e);
        assertThat(json).isEqualTo("{\"type\":\"stage_failed\",\"run_id\":\"run-1\",\"seq\":7,"
                + "\"timestamp\":\"2026-01-02T03:04:05Z\",\"node_id\":\"build\",\"label\":\"Build\","
                + "\"handler_type\":\"tool\",\"index\":3,\"attempt\":2,\"duration_ms\":15,\"status\":\"fail\","
                + "\"error\":\"exit 1\",\"will_retry\":true}");
        assertThat(Json.mapper().readValue(json, PipelineEvent.class)).isEqualTo(e);
    }

    @Test
    void candidateEventsSerialiseWithSnakeCaseTypeAndFieldsAndReadBack() throws Exception {
        PipelineEvent started = new PipelineEvent.CandidateStarted("run-1", 8, clock.instant(), "implement", 2, 3,
                "anthropic", "model-b");
        assertThat(Json.mapper().writeValueAsString(started)).isEqualTo("{\"type\":\"candidate_started\","
                + "\"run_id\":\"run-1\",\"seq\":8,\"timestamp\":\"2026-01-02T03:04:05Z\",\"node_id\":\"implement\","
                + "\"index\":2,\"count\":3,\"llm_provider\":\"anthropic\",\"llm_model\":\"model-b\"}");
        PipelineEvent completed = new PipelineEvent.CandidateCompleted("run-1", 9, clock.instant(), "implement", 2,
                "success", 1.0, 0.51, new io.nightshift.event.Spend(300, 280, 0, 20, 0, 0.002, 2, 0), "abc123",
                "refs/nightshift/run-1/candidates/2", "");
        String json = Json.mapper().writeValueAsString(completed);
        assertThat(json).startsWith("{\"type\":\"candidate_completed\",\"run_id\":\"run-1\",\"seq\":9,")
                .contains("\"index\":2,\"status\":\"success\",\"satisfaction\":1.0,\"satisfaction_lower\":0.51,"
                        + "\"spend\":{\"tokens\":300,", "\"commit\":\"abc123\",\"ref\":\"refs/nightshift/run-1/"
                        + "candidates/2\",\"reason\":\"\"}");
        PipelineEvent decided = new PipelineEvent.CandidatesDecided("run-1", 10, clock.instant(), "implement", 2, 3,
                true, "candidate 2 of 3 won");
        assertThat(Json.mapper().writeValueAsString(decided)).isEqualTo("{\"type\":\"candidates_decided\","
                + "\"run_id\":\"run-1\",\"seq\":10,\"timestamp\":\"2026-01-02T03:04:05Z\",\"node_id\":\"implement\","
                + "\"winner\":2,\"count\":3,\"early_stop\":true,\"reason\":\"candidate 2 of 3 won\"}");
        for (PipelineEvent e : List.of(started, completed, decided)) {
            assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(e), PipelineEvent.class)).isEqualTo(e);
        }
    }

    @Test
    void atomicWritesReplaceWholeFilesAndLeaveNoTemporaries() throws Exception {
        Path target = tmp.resolve("sub/file.json");
        AtomicFiles.writeString(target, "first", false);
        AtomicFiles.writeString(target, "second", true);
        assertThat(Files.readString(target)).isEqualTo("second");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("file.json");
        }
    }

    /** A stopping service interrupts its runs' threads; what they were recording (a checkpoint, a job's end) lands. */
    @Test
    void anInterruptedThreadStillWritesAndSyncsAndKeepsItsInterrupt() throws Exception {
        Path target = tmp.resolve("queue/entry.json");
        Thread.currentThread().interrupt();
        try {
            AtomicFiles.writeString(target, "ended", true);
            AtomicFiles.syncDirectory(target.getParent());
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readString(target)).isEqualTo("ended");
    }
}
