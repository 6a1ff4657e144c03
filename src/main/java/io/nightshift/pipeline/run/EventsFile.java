package io.nightshift.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code events.jsonl}: append-only, one JSON event per line, each line written with a single write call.
 * A kill can leave a torn last line; {@link #read} skips lines that do not parse, and opening the file for more
 * events first terminates such a line so the next event starts cleanly. As a sink it never throws: after the
 * first write error it stops writing and remembers the error ({@link #error()}).
 *
 * <p>Writes go through a {@link FileOutputStream}, not a {@link FileChannel}: a channel is closed for good when the
 * writing thread is interrupted, and cancelling a run interrupts the engine's thread, so the run's last events
 * (stage failed, pipeline cancelled) were lost from the file and a resume then reused their sequence numbers.
 */
public final class EventsFile implements EventSink, AutoCloseable {

    private final Path file;
    private FileOutputStream out;
    private volatile Exception error;

    public EventsFile(Path file) {
        this.file = file;
    }

    /** Opens the file for appending, repairing a torn last line. */
    public EventsFile open() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = new FileOutputStream(file.toFile(), true);
            long size = Files.size(file);
            if (size > 0) {
                int last;
                try (java.io.RandomAccessFile reader = new java.io.RandomAccessFile(file.toFile(), "r")) {
                    reader.seek(size - 1);
                    last = reader.read();
                }
                if (last != '\n') {
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new RunFileException(file, "cannot open the event log (" + e + ")", e);
        }
        return this;
    }

    @Override
    public synchronized void accept(PipelineEvent event) {
        if (out == null || error != null) {
            return;
        }
        try {
            byte[] json = Json.mapper().writeValueAsBytes(event);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            out.write(line); // one write call per line (the file is opened for appending)
        } catch (IOException | RuntimeException e) {
            error = e;
        }
    }

    public Exception error() {
        return error;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing was buffered: every event was already written by its own write call
            }
            out = null;
        }
    }

    /** Every complete event line of a file as a JSON tree, skipping torn or foreign lines. */
    public static List<JsonNode> readTrees(Path file) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = Json.mapper().readTree(line);
                    if (node != null && node.isObject()) {
                        out.add(node);
                    }
                } catch (IOException torn) {
                    // a torn line (the run was killed mid-write) carries nothing usable
                }
            }
        } catch (IOException e) {
            throw new RunFileException(file, "cannot read the event log (" + e + ")", e);
        }
        return out;
    }

    /** Every complete event of a file as typed events, skipping lines that do not parse. */
    public static List<PipelineEvent> read(Path file) {
        List<PipelineEvent> out = new ArrayList<>();
        for (JsonNode node : readTrees(file)) {
            try {
                out.add(Json.mapper().treeToValue(node, PipelineEvent.class));
            } catch (IOException | IllegalArgumentException skip) {
                // an event of an unknown type (written by a newer version) is skipped, not fatal
            }
        }
        return out;
    }

    /** The highest {@code seq} in the file, 0 when there is none. */
    public static long lastSeq(Path file) {
        long max = 0;
        for (JsonNode node : readTrees(file)) {
            max = Math.max(max, node.path("seq").asLong(0));
        }
        return max;
    }
}
