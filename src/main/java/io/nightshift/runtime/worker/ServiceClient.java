package io.nightshift.runtime.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.service.RunArchive;
import io.nightshift.runtime.service.WorkerDesk;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The service's worker API over HTTP ({@code /workers/runs/...}), as one worker uses it. Thread-safe. */
final class ServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServiceClient(URI base, String token) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.token = token == null ? "" : token;
    }

    WorkerDesk.Claim claim(String runId, long dispatch, String worker) throws IOException, FencedException {
        byte[] body = Json.mapper().writeValueAsBytes(Map.of("dispatch", dispatch, "worker", worker));
        HttpResponse<byte[]> r = send(request(runId, "claim", -1).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofByteArray());
        return Json.mapper().readValue(r.body(), WorkerDesk.Claim.class);
    }

    /** @return whether the service asks the run to stop (cancelled over HTTP) */
    boolean events(String runId, long epoch, List<String> lines) throws IOException, FencedException {
        HttpResponse<byte[]> r = send(request(runId, "events", epoch).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines))),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode node = Json.mapper().readTree(r.body());
        return node.path("cancel").asBoolean(false);
    }

    void putFiles(String runId, long epoch, Path runDir, Set<String> skip) throws IOException, FencedException {
        Path zip = Files.createTempFile("nightshift-run-", ".zip");
        try {
            try (var out = Files.newOutputStream(zip)) {
                RunArchive.write(runDir, out, skip);
            }
            send(request(runId, "files", epoch).header("Content-Type", "application/zip")
                    .PUT(HttpRequest.BodyPublishers.ofFile(zip)), HttpResponse.BodyHandlers.ofByteArray());
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    void getFiles(String runId, long epoch, Path runDir) throws IOException, FencedException {
        HttpResponse<InputStream> r = send(request(runId, "files", epoch).GET(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            RunArchive.extract(in, runDir, Set.of(), Long.MAX_VALUE);
        }
    }

    void end(String runId, long epoch, String state, String failure) throws IOException, FencedException {
        byte[] body = Json.mapper().writeValueAsBytes(Map.of("state", state, "failure", failure == null ? "" : failure));
        send(request(runId, "end", epoch).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String runId, String what, long epoch) {
        String path = "workers/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8) + "/" + what
                + (epoch >= 0 ? "?epoch=" + epoch : "");
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler)
            throws IOException, FencedException {
        HttpRequest req = b.build();
        HttpResponse<T> r;
        try {
            r = http.send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to the service", e);
        }
        if (r.statusCode() == 409 || r.statusCode() == 404) {
            throw new FencedException(req.method() + " " + req.uri().getPath() + ": " + text(r));
        }
        if (r.statusCode() / 100 != 2) {
            throw new IOException(req.method() + " " + req.uri() + " answered " + r.statusCode() + ": " + text(r));
        }
        return r;
    }

    private static String text(HttpResponse<?> r) {
        Object body = r.body();
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream in) {
            try (in) {
                return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }
}
