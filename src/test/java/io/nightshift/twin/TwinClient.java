package io.nightshift.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A raw HTTP client for the twin tests (the JDK client, not the llm package), with a tiny SSE splitter. */
final class TwinClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    TwinClient(TwinServer twin) {
        this.baseUrl = twin.baseUrl();
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> anthropic(String body) {
        return post("/v1/messages", body, "x-api-key", TwinOptions.DEFAULT_API_KEY, "anthropic-version", "2023-06-01");
    }

    HttpResponse<String> openai(String body) {
        return post("/v1/responses", body, "authorization", "Bearer " + TwinOptions.DEFAULT_API_KEY);
    }

    HttpResponse<String> chat(String body) {
        return post("/v1/chat/completions", body, "authorization", "Bearer " + TwinOptions.DEFAULT_API_KEY);
    }

    HttpResponse<String> gemini(String model, String body) {
        return post("/v1beta/models/" + model + ":generateContent", body, "x-goog-api-key",
                TwinOptions.DEFAULT_API_KEY);
    }

    HttpResponse<String> geminiStream(String model, String body) {
        return post("/v1beta/models/" + model + ":streamGenerateContent?alt=sse", body, "x-goog-api-key",
                TwinOptions.DEFAULT_API_KEY);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** One parsed SSE event. */
    record Event(String event, JsonNode data, String rawData) {
    }

    /** Splits a complete SSE body (LF or CRLF) into events. */
    static List<Event> sse(String body) {
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : body.split("\r\n|\n", -1)) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    String raw = data.toString();
                    events.add(new Event(name, raw.equals("[DONE]") ? null : json(raw), raw));
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data.append(line.substring(6));
            }
        }
        return events;
    }
}
