package io.nightshift.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code events.jsonl}: append-only, one JSON event per line, each line written with a single write call.
 * A kill can leave a torn last line; {@link #read} skips lines that do not parse, and opening the file for more
 * events first terminates such a line so the next event starts cleanly. As a sink it never throws: after the
 * first write error it stops writing and remembers the error ({@link #error()}).
 */
public final class EventsFile implements EventSink, AutoCloseable {

    private final Path file;
    private FileChannel channel;
    private volatile Exception error;

    public EventsFile(Path file) {
        this.file = file;
    }

    /** Opens the file for appending, repairing a torn last line. */
    public EventsFile open() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            long size = channel.size();
            if (size > 0) {
                ByteBuffer last = ByteBuffer.allocate(1);
                try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                    reader.read(last, size - 1);
                }
                if (last.get(0) != '\n') {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
            }
        } catch (IOException e) {
            throw new RunFileException(file, "cannot open the event log (" + e + ")", e);
        }
        return this;
    }

    @Override
    public synchronized void accept(PipelineEvent event) {
        if (channel == null || error != null) {
            return;
        }
        try {
            byte[] json = Json.mapper().writeValueAsBytes(event);
            ByteBuffer buf = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException | RuntimeException e) {
            error = e;
        }
    }

    public Exception error() {
        return error;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was buffered: every event was already written by its own write call
            }
            channel = null;
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
