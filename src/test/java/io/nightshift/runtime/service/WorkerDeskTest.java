package io.nightshift.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.runtime.PipelineLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's side of remote runs (issue 18): dispatch instead of local execution, leases and fencing. */
class WorkerDeskTest {

    private static final String DOT = """
            digraph remote {
                start [shape=Mdiamond]
                work  [label="Work", prompt="do it"]
                done  [shape=Msquare]
                start -> work -> done
            }
            """;

    @TempDir
    Path runs;

    private final List<RunTicket> published = new CopyOnWriteArrayList<>();

    private RunRegistry registry() {
        RunRegistry r = new RunRegistry(runs, new PipelineLoader(), Map.of(), e -> { }, 4, 64, false);
        r.dispatchTo(ticket -> {
            published.add(ticket);
            return CompletableFuture.completedFuture(null);
        });
        return r;
    }

    private static String event(long seq, String type) {
        return "{\"type\":\"" + type + "\",\"run_id\":\"e1\",\"seq\":" + seq
                + ",\"timestamp\":\"2026-01-01T00:00:00Z\",\"name\":\"remote\",\"goal\":\"\",\"logs_root\":\"/w\"}";
    }

    @Test
    void anAdmittedRunIsPublishedNotRunHere() {
        try (RunRegistry r = registry()) {
            ManagedRun run = r.submit(RunSubmission.pipeline(DOT, true, true, "g", Map.of()));
            assertThat(published).singleElement().satisfies(t -> {
                assertThat(t.runId()).isEqualTo(run.id());
                assertThat(t.dispatch()).isEqualTo(1);
                assertThat(t.dot()).isEqualTo(DOT);
                assertThat(t.submission().goal()).isEqualTo("g");
            });
            assertThat(run.state()).isEqualTo(RunState.QUEUED);
            assertThat(run.dir().resolve("checkpoint.json")).doesNotExist();
        }
    }

    @Test
    void aSecondClaimFencesTheFirstWorker() {
        try (RunRegistry r = registry()) {
            ManagedRun run = r.submit(RunSubmission.pipeline(DOT, true, true, null, Map.of()));
            WorkerDesk desk = r.workers();
            WorkerDesk.Claim first = desk.claim(run.id(), 1, "w1");
            assertThat(first.resume()).isFalse();
            assertThat(desk.events(run.id(), first.epoch(), List.of(event(1, "pipeline_started")))).isFalse();
            assertThat(run.state()).isEqualTo(RunState.RUNNING);

            WorkerDesk.Claim second = desk.claim(run.id(), 1, "w2"); // the broker redelivered the ticket
            assertThat(second.epoch()).isGreaterThan(first.epoch());
            assertThatThrownBy(() -> desk.events(run.id(), first.epoch(), List.of(event(2, "pipeline_started"))))
                    .isInstanceOf(RunStateException.class).hasMessageContaining("stale");
            assertThatThrownBy(() -> desk.end(run.id(), first.epoch(), "succeeded", ""))
                    .isInstanceOf(RunStateException.class);
            assertThatThrownBy(() -> desk.receiveFiles(run.id(), first.epoch(), zip("checkpoint.json", "{}")))
                    .isInstanceOf(RunStateException.class);
            assertThat(run.dir().resolve("checkpoint.json")).doesNotExist();
            assertThat(run.state()).isEqualTo(RunState.RUNNING);

            desk.end(run.id(), second.epoch(), "succeeded", "");
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(desk.holders()).isEmpty();
        }
    }

    @Test
    void anEndedRunOrAStaleTicketIsNotClaimed() {
        try (RunRegistry r = registry()) {
            ManagedRun run = r.submit(RunSubmission.pipeline(DOT, true, true, null, Map.of()));
            WorkerDesk desk = r.workers();
            assertThatThrownBy(() -> desk.claim(run.id(), 0, "w1")).isInstanceOf(RunStateException.class)
                    .hasMessageContaining("stale");
            WorkerDesk.Claim c = desk.claim(run.id(), 1, "w1");
            desk.end(run.id(), c.epoch(), "failed", "boom");
            assertThat(run.snapshot().failure()).isEqualTo("boom");
            assertThatThrownBy(() -> desk.claim(run.id(), 1, "w2")).isInstanceOf(RunStateException.class)
                    .hasMessageContaining("already ended");
            assertThatThrownBy(() -> desk.events(run.id(), c.epoch(), List.of(event(9, "pipeline_started"))))
                    .isInstanceOf(RunStateException.class);
        }
    }

    @Test
    void theCheckpointAWorkerSendsIsWhatTheNextClaimResumesFrom() throws Exception {
        try (RunRegistry r = registry()) {
            ManagedRun run = r.submit(RunSubmission.pipeline(DOT, true, true, null, Map.of()));
            WorkerDesk desk = r.workers();
            WorkerDesk.Claim c = desk.claim(run.id(), 1, "w1");
            desk.events(run.id(), c.epoch(), List.of(event(1, "pipeline_started"), event(1, "pipeline_started")));
            desk.receiveFiles(run.id(), c.epoch(), zip("checkpoint.json", "{\"current_node\":\"work\"}"));
            WorkerDesk.Claim next = desk.claim(run.id(), 1, "w2");
            assertThat(next.resume()).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            desk.sendFiles(run.id(), next.epoch(), out);
            Path copy = runs.resolve("copy");
            RunArchive.extract(new ByteArrayInputStream(out.toByteArray()), copy, Set.of(), 1 << 20);
            assertThat(copy.resolve("checkpoint.json")).hasContent("{\"current_node\":\"work\"}");
            // the service's own events, each once; the lease file stays with the service
            assertThat(Files.readAllLines(copy.resolve("events.jsonl"))).hasSize(1);
            assertThat(copy.resolve(WorkerLease.FILE)).doesNotExist();
        }
    }

    @Test
    void anArchiveCannotWriteOutsideTheRunDirectoryOrThroughALink() throws Exception {
        Path dir = Files.createDirectories(runs.resolve("r"));
        assertThatThrownBy(() -> RunArchive.extract(zip("../escaped", "x"), dir, Set.of(), 1 << 20))
                .hasMessageContaining("outside");
        assertThat(runs.resolve("escaped")).doesNotExist();
        Path elsewhere = Files.createDirectories(runs.resolve("elsewhere"));
        Files.createSymbolicLink(dir.resolve("link"), elsewhere);
        assertThatThrownBy(() -> RunArchive.extract(zip("link/file", "x"), dir, Set.of(), 1 << 20))
                .hasMessageContaining("link");
        assertThat(elsewhere.resolve("file")).doesNotExist();
        assertThatThrownBy(() -> RunArchive.extract(zip("big", "x".repeat(100)), dir, Set.of(), 10))
                .hasMessageContaining("more than 10 bytes");
    }

    private static ByteArrayInputStream zip(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
