package io.nightshift.forge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** JSON over the JDK HTTP client for one forge; failures become one-line {@link ForgeException}s. */
final class ForgeHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A response: status and parsed body (a missing node when it was not JSON). */
    record Answer(int status, JsonNode body, String call) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final ForgeTarget target;
    private final Map<String, String> authHeaders;

    ForgeHttp(HttpClient http, ForgeTarget target, Map<String, String> authHeaders) {
        this.http = http;
        this.target = target;
        this.authHeaders = authHeaders;
    }

    Answer send(String method, String pathAndQuery, JsonNode body) {
        return sendTo(method, URI.create(target.apiUrl() + pathAndQuery), body);
    }

    /** As {@link #send}, to a URL outside the REST base (GitHub's GraphQL endpoint). */
    Answer sendTo(String method, URI url, JsonNode body) {
        String call = method + " " + url;
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT).header("Accept", "application/json").header("User-Agent", "nightshift");
        authHeaders.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode parsed;
            try {
                parsed = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                parsed = JSON.missingNode();
            }
            return new Answer(response.statusCode(), parsed, call);
        } catch (IOException e) {
            throw new ForgeException("forge: " + call + " failed before an answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check " + target.kind().urlVariable()
                    + " (" + target.apiUrl() + ") and the network, then deliver again", call, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForgeException("forge: " + call + " was interrupted", call, 0, true);
        }
    }

    /** The one line for a failed answer: call, status, the forge's own words, what to do. */
    ForgeException failure(Answer answer, String what) {
        String said = said(answer.body());
        String hint = switch (answer.status()) {
            case 401 -> "set " + target.kind().tokenVariable() + " to a valid token for " + target.apiUrl();
            case 403 -> "the token in " + target.kind().tokenVariable() + " may not " + what + " on "
                    + target.repository() + "; give it write access to the repository";
            case 404 -> "check the repository name " + target.repository() + " (forge.repository) and "
                    + target.kind().urlVariable() + " (" + target.apiUrl() + ")";
            case 409, 422 -> "the forge refused the request as it stands; fix what it says and deliver again";
            default -> answer.status() >= 500 ? "the forge failed; deliver again later"
                    : "see the forge's answer";
        };
        return new ForgeException("forge: " + answer.call() + " answered " + answer.status()
                + (said.isEmpty() ? "" : " (" + said + ")") + "; " + hint, answer.call(), answer.status(),
                answer.status() >= 500 || answer.status() == 429);
    }

    /** The forge's message: GitHub's {@code message} and {@code errors}, GitLab's {@code message} or {@code error}. */
    static String said(JsonNode body) {
        StringBuilder out = new StringBuilder();
        JsonNode message = body.path("message");
        if (message.isArray()) {
            message.forEach(m -> out.append(out.isEmpty() ? "" : "; ").append(m.asText()));
        } else if (message.isTextual()) {
            out.append(message.asText());
        } else if (body.path("error").isTextual()) {
            out.append(body.path("error").asText());
        }
        for (JsonNode e : body.path("errors")) {
            String detail = e.path("message").isTextual() ? e.path("message").asText()
                    : e.path("field").asText("") + " " + e.path("code").asText("");
            out.append(": ").append(detail.strip());
        }
        String line = out.toString().replaceAll("[\\r\\n]+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
