package io.nightshift.runtime.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.run.EventsFile;
import io.nightshift.pipeline.run.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of one run for any number of readers. The engine appends (never blocks on a reader); each reader
 * keeps only its own cursor, the last sequence number it has sent, and pulls what follows it. The most recent
 * {@code capacity} events are kept in memory; a reader further behind (a late subscriber, a slow client, a run
 * recovered after a restart) is served from the run's {@code events.jsonl}, which holds every event.
 * Thread-safe.
 */
public final class EventHistory {

    /** One event: its sequence number, {@code type}, time and the JSON line exactly as in events.jsonl. */
    public record Entry(long seq, String type, Instant timestamp, String json) {
    }

    private final Path eventsFile;
    private final int capacity;
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private long lastSeq;
    private boolean closed;

    /** @param lastSeq the highest sequence number already in {@code eventsFile} (0 for a new run) */
    public EventHistory(Path eventsFile, int capacity, long lastSeq, boolean closed) {
        this.eventsFile = eventsFile;
        this.capacity = Math.max(16, capacity);
        this.lastSeq = lastSeq;
        this.closed = closed;
    }

    /** Adds the next event; wakes every waiting reader. Must be called in sequence order. */
    public synchronized void append(Entry entry) {
        if (entry.seq() <= lastSeq) {
            return;
        }
        recent.addLast(entry);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        lastSeq = entry.seq();
        notifyAll();
    }

    /** No more events will come (the run ended, or it was found finished on disk). */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Re-opens the history for a resumed run, whose events continue after {@link #lastSeq()}. */
    public synchronized void reopen() {
        closed = false;
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** True when the reader at {@code cursor} has seen everything and nothing more will come. */
    public synchronized boolean exhausted(long cursor) {
        return closed && cursor >= lastSeq;
    }

    /**
     * Up to {@code max} events after {@code cursor}, in order, waiting at most {@code wait} for the first one.
     * Returns an empty list when none came in time or the history is exhausted.
     */
    public List<Entry> next(long cursor, int max, Duration wait) throws InterruptedException {
        long fileUpTo;
        synchronized (this) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (lastSeq <= cursor && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (lastSeq <= cursor) {
                return List.of();
            }
            Entry first = recent.peekFirst();
            if (first != null && first.seq() <= cursor + 1) {
                List<Entry> out = new ArrayList<>(Math.min(max, recent.size()));
                for (Entry e : recent) {
                    if (e.seq() > cursor) {
                        out.add(e);
                        if (out.size() == max) {
                            break;
                        }
                    }
                }
                return out;
            }
            fileUpTo = first == null ? lastSeq : first.seq() - 1;
        }
        return fromFile(cursor, fileUpTo, max);
    }

    private List<Entry> fromFile(long cursor, long upTo, int max) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode node : EventsFile.readTrees(eventsFile)) {
            long seq = node.path("seq").asLong(0);
            if (seq > cursor && seq <= upTo) {
                out.add(entryOf(node));
                if (out.size() == max) {
                    break;
                }
            }
        }
        return out;
    }

    static Entry entryOf(JsonNode node) {
        Instant at;
        try {
            at = Instant.parse(node.path("timestamp").asText());
        } catch (RuntimeException e) {
            at = Instant.EPOCH;
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json = "{}";
        }
        return new Entry(node.path("seq").asLong(0), node.path("type").asText(""), at, json);
    }
}
