package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a Server-Sent Events stream line by line, as a browser's EventSource would. */
final class SseClient implements AutoCloseable {

    /** One received event: its {@code id:}, its data parsed as JSON, and when it arrived. */
    record Event(long id, JsonNode data, Instant receivedAt) {
        String type() {
            return data.path("type").asText();
        }
    }

    private final InputStream body;
    private final BufferedReader reader;
    private final int status;
    private int heartbeats;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static SseClient open(HttpClient client, String url, String lastEventId, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return new SseClient(client.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError("cannot open " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static SseClient open(String url, String lastEventId) {
        return open(HttpClient.newHttpClient(), url, lastEventId, null);
    }

    int status() {
        return status;
    }

    int heartbeats() {
        return heartbeats;
    }

    /** The next event, or null when the stream ended. */
    Event next() throws IOException {
        long id = -1;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    return new Event(id, Http.JSON.readTree(data.toString()), Instant.now());
                }
                continue;
            }
            if (line.startsWith(":")) {
                heartbeats += line.substring(1).strip().equals("heartbeat") ? 1 : 0;
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(line.substring(3).strip());
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }
        return null;
    }

    /** Every event until the stream ends. */
    List<Event> readAll() throws IOException {
        List<Event> out = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            out.add(e);
        }
        return out;
    }

    /** Events up to and including the first that matches. */
    List<Event> readUntil(Predicate<Event> stop) throws IOException {
        List<Event> out = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            out.add(e);
            if (stop.test(e)) {
                return out;
            }
        }
        throw new AssertionError("the stream ended before the expected event; got " + out.stream().map(Event::type).toList());
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing a finished stream
        }
    }
}
