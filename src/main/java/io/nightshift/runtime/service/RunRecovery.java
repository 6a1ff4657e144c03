package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.EventSink;
import io.nightshift.pipeline.run.Checkpoint;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.Json;
import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the run directories a previous service process left behind: a run whose checkpoint says it ended keeps
 * that end; anything else (killed mid-stage, stopped at a human gate, never started) is interrupted.
 */
final class RunRecovery {

    private final Path runsDir;
    private final int historyCapacity;
    private final EventSink publisher;

    RunRecovery(Path runsDir, int historyCapacity, EventSink publisher) {
        this.runsDir = runsDir;
        this.historyCapacity = historyCapacity;
        this.publisher = publisher;
    }

    List<ManagedRun> scan() {
        List<ManagedRun> found = new ArrayList<>();
        if (!Files.isDirectory(runsDir)) {
            return found;
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve(RunRegistry.SUBMISSION))).toList()) {
                read(dir).ifPresent(found::add);
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private Optional<ManagedRun> read(Path dir) {
        RunSubmission submission;
        try {
            submission = Json.mapper().readValue(dir.resolve(RunRegistry.SUBMISSION).toFile(), RunSubmission.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        RunDirectory files = new RunDirectory(dir, false);
        Optional<Checkpoint> checkpoint;
        Optional<Manifest> manifest;
        try {
            checkpoint = files.readCheckpoint();
            manifest = files.readManifest();
        } catch (RuntimeException e) {
            checkpoint = Optional.empty();
            manifest = Optional.empty();
        }
        RunState state = checkpoint.map(c -> switch (c.status()) {
            case "success" -> RunState.SUCCEEDED;
            case "fail" -> RunState.FAILED;
            case "cancelled" -> RunState.CANCELLED;
            case "budget_exhausted" -> RunState.BUDGET_EXHAUSTED;
            case "stalled" -> RunState.STALLED;
            default -> RunState.INTERRUPTED;
        }).orElse(RunState.INTERRUPTED);
        Path events = dir.resolve(RunDirectory.EVENTS);
        List<JsonNode> trees = EventsFile.readTrees(events);
        long lastSeq = trees.stream().mapToLong(n -> n.path("seq").asLong(0)).max().orElse(0);
        Instant created = instant(dir.resolve(RunRegistry.SUBMISSION));
        Instant started = manifest.map(m -> parse(m.startTime())).orElse(null);
        Instant finished = state == RunState.INTERRUPTED || trees.isEmpty() ? null
                : parse(trees.get(trees.size() - 1).path("timestamp").asText());
        String why = state == RunState.INTERRUPTED ? "the service stopped while this run was in progress" : "";
        ManagedRun run = new ManagedRun(dir.getFileName().toString(), dir, submission, created, state,
                new EventHistory(events, historyCapacity, lastSeq, true), publisher);
        java.util.Map<String, Long> durations = new java.util.LinkedHashMap<>();
        for (JsonNode e : trees) {
            String type = e.path("type").asText();
            if (type.equals("stage_completed") || type.equals("stage_failed")) {
                durations.put(e.path("node_id").asText(), e.path("duration_ms").asLong());
            }
            if (type.equals("harness_completed")) {
                run.judged(e.path("suite").asText(), e.path("satisfaction").asDouble());
            }
        }
        run.restore(state, checkpoint.map(Checkpoint::currentNode).orElse(""),
                checkpoint.map(Checkpoint::completedNodes).orElse(List.of()), durations, started, finished, why);
        return Optional.of(run);
    }

    private static Instant instant(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static Instant parse(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
