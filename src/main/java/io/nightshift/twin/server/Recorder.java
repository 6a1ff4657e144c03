package io.nightshift.twin.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinException;
import io.nightshift.twin.dialect.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Keeps the most recent {@value #RETAINED} requests in memory and, when a file is given, appends each as one JSON line. Credentials
 * ({@code x-api-key}, {@code authorization}, {@code x-goog-api-key}, {@code ?key=}) are masked in the file only.
 */
public final class Recorder {

    /** How many requests stay in memory; a long CLI session must not grow without bound. */
    public static final int RETAINED = 1000;
    private static final Set<String> SECRET_HEADERS = Set.of("x-api-key", "authorization", "x-goog-api-key");
    private final Path file;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();
    private int lastSeq;
    private String failure;

    public Recorder(Path file) {
        this.file = file;
        if (file != null) {
            try {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Files.writeString(file, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new TwinException("cannot open record file " + file + ": " + e.getMessage(), false, e);
            }
        }
    }

    /** The number the next request gets. */
    public synchronized int nextSeq() {
        return ++lastSeq;
    }

    public synchronized void add(RecordedRequest request) {
        requests.addLast(request);
        if (requests.size() > RETAINED) {
            requests.removeFirst();
        }
        if (file == null) {
            return;
        }
        ObjectNode line = Json.object().put("seq", request.seq()).put("time", Instant.now().toString())
                .put("provider", request.provider() == null ? null : request.provider().wireName())
                .put("method", request.method()).put("path", request.path());
        ObjectNode query = line.putObject("query");
        request.query().forEach((k, v) -> query.put(k, k.equals("key") ? "***" : v));
        ObjectNode headers = line.putObject("headers");
        request.headers().forEach((k, v) -> headers.put(k, SECRET_HEADERS.contains(k) ? "***" : v));
        if (request.json() != null) {
            line.set("body", request.json());
        } else {
            line.put("body", request.body());
        }
        try {
            Files.writeString(file, Json.write(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // The in-memory record stays complete; a failing disk must not take the conversation down.
            failure = failure != null ? failure : "cannot append to record file " + file + ": " + e.getMessage();
        }
    }

    /** The first write failure of the record file, or null when every line was written. */
    public synchronized String failure() {
        return failure;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets recorded requests (the file keeps them) and restarts numbering at 1. */
    public synchronized void reset() {
        requests.clear();
        lastSeq = 0;
    }
}
