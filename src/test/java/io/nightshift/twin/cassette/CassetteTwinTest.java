package io.nightshift.twin.cassette;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a tiny upstream through the recording proxy over real HTTP, then replays the cassette with the Java replay
 * server and with the Python program the judge runs (the same requests, the same answers: the two must not drift).
 */
class CassetteTwinTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @TempDir
    Path dir;
    private HttpServer upstream;
    private final List<String> upstreamSaw = new ArrayList<>();
    private int charges;

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", exchange -> {
            byte[] in = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            synchronized (upstreamSaw) {
                upstreamSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth=" + auth + " "
                        + new String(in, StandardCharsets.UTF_8));
            }
            String body;
            int status;
            if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals("/v1/charges")) {
                status = 201;
                body = "{\"id\":\"ch_" + (++charges) + "\",\"amount\":500}";
            } else if (exchange.getRequestURI().getPath().equals("/v1/charges")) {
                status = 200;
                body = "{\"data\":[{\"id\":\"ch_1\"},{\"id\":\"ch_2\"}],\"query\":\"" + exchange.getRequestURI().getQuery()
                        + "\"}";
            } else {
                status = 404;
                body = "{\"error\":\"no such route\"}";
            }
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Date", "Mon, 07 Dec 2026 21:00:00 GMT");
            exchange.getResponseHeaders().set("X-Upstream", "real");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void recordsThroughTheProxyWithoutSecretsAndReplaysInOrder() throws Exception {
        Path file = record();
        String text = Files.readString(file);
        assertThat(text).contains("/v1/charges", "ch_1", "ch_2", "x-upstream").doesNotContain("sk_live_secret",
                "Bearer", "user-agent", "Mon, 07 Dec");
        synchronized (upstreamSaw) {
            assertThat(upstreamSaw).hasSize(3).allMatch(s -> s.contains("auth=Bearer sk_live_secret"),
                    "the proxy forwards credentials to the real service");
        }

        Cassette cassette = Cassette.parse(text, file.toString());
        try (CassetteReplay replay = CassetteReplay.start(cassette, "127.0.0.1", 0)) {
            exercise(replay.baseUrl(), replay.baseUrl());
        }
    }

    @Test
    void thePythonTwinTheJudgeRunsAnswersTheSame() throws Exception {
        Path file = record();
        Path program = dir.resolve("cassette_twin.py");
        Files.writeString(program, CassetteTwinProgram.source());
        int port = freePort();
        int control = freePort();
        Process python = new ProcessBuilder("python3", program.toString(), "--cassette", file.toString(), "--port",
                Integer.toString(port), "--admin-port", Integer.toString(control), "--host", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("python.log").toFile()).start();
        try {
            String controlBase = "http://127.0.0.1:" + control;
            awaitListening(controlBase + "/__twin/requests", python);
            exercise("http://127.0.0.1:" + port, controlBase);
            assertThat(send("GET", "http://127.0.0.1:" + port + "/__twin/requests", null).statusCode())
                    .as("the control paths are not served on the port the program uses").isEqualTo(501);
        } finally {
            python.destroy();
            python.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCassetteThatIsNotOneSaysWhereAndHowToMakeOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cassette.parse("{\"exchanges\": 3}", "twins/p.json"))
                .isInstanceOf(CassetteException.class).hasMessageContaining("twins/p.json")
                .hasMessageContaining("nightshift twin record");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cassette.parse(
                "{\"exchanges\": [{\"request\": {\"method\": \"GET\", \"path\": \"/x\"}, \"response\": {\"status\": 99}}]}",
                "p.json")).hasMessageContaining("exchanges[0].response.status");
    }

    /** Records two charges and a listing through the proxy, with credentials and a client that varies its headers. */
    private Path record() throws Exception {
        Path file = dir.resolve("payments.json");
        try (CassetteRecorder recorder = CassetteRecorder.start(URI.create("http://127.0.0.1:"
                + upstream.getAddress().getPort()), "127.0.0.1", 0)) {
            String base = recorder.baseUrl();
            assertThat(send("POST", base + "/v1/charges", "{\"amount\":500,\"idempotency_key\":\"rec-1\"}").body())
                    .isEqualTo("{\"id\":\"ch_1\",\"amount\":500}");
            assertThat(send("POST", base + "/v1/charges", "{\"amount\":500,\"idempotency_key\":\"rec-2\"}").body())
                    .isEqualTo("{\"id\":\"ch_2\",\"amount\":500}");
            assertThat(send("GET", base + "/v1/charges?limit=2&status=paid", null).statusCode()).isEqualTo(200);
            assertThat(recorder.recorded()).isEqualTo(3);
            CassetteRecorder.save(recorder.cassette(List.of("idempotency_key"), List.of()), file);
        }
        return file;
    }

    /** The same requests and expectations for every replay implementation. */
    private void exercise(String base, String control) throws Exception {
        // volatile headers differ, the ignored body field differs, key order differs: still the recorded answers, in order
        HttpResponse<String> first = send("POST", base + "/v1/charges", "{\"idempotency_key\":\"replay-1\",\"amount\":500}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).isEqualTo("{\"id\":\"ch_1\",\"amount\":500}");
        assertThat(first.headers().firstValue("x-upstream")).contains("real");
        assertThat(send("POST", base + "/v1/charges", "{\"amount\":500,\"idempotency_key\":\"replay-2\"}").body())
                .isEqualTo("{\"id\":\"ch_2\",\"amount\":500}");
        assertThat(send("POST", base + "/v1/charges", "{\"amount\":500}").body())
                .as("once every match was played, the last one plays again").contains("ch_2");
        assertThat(send("GET", base + "/v1/charges?status=paid&limit=2", null).body()).contains("\"data\"");

        HttpResponse<String> unknown = send("POST", base + "/v1/refunds", "{\"charge\":\"ch_1\"}");
        assertThat(unknown.statusCode()).isEqualTo(501);
        assertThat(unknown.body()).contains("not_in_cassette", "POST /v1/refunds", "ch_1");
        assertThat(send("POST", base + "/v1/charges", "{\"amount\":900}").statusCode())
                .as("a body that differs beyond the ignored fields is not a match").isEqualTo(501);

        String received = send("GET", control + "/__twin/requests", null).body();
        assertThat(received).contains("\"method\":\"POST\",\"path\":\"/v1/charges\"", "\"path\":\"/v1/refunds\"",
                "\"status\":501");

        assertThat(send("POST", control + "/__twin/fail-next?status=503", null).statusCode()).isEqualTo(200);
        HttpResponse<String> failed = send("GET", base + "/v1/charges?limit=2&status=paid", null);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("twin_fault");
        assertThat(send("GET", base + "/v1/charges?limit=2&status=paid", null).statusCode())
                .as("a fault answers one request only").isEqualTo(200);

        assertThat(send("POST", control + "/__twin/reset", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", control + "/__twin/requests", null).body()).isEqualTo("[]");
        assertThat(send("POST", base + "/v1/charges", "{\"amount\":500,\"idempotency_key\":\"x\"}").body())
                .as("a reset replays the sequence from its start").contains("ch_1");
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer sk_live_secret")
                .header("User-Agent", "client/" + System.nanoTime())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(String url, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (send("GET", url, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the python twin did not start: "
                            + Files.readString(dir.resolve("python.log")), e);
                }
                Thread.sleep(50);
            }
        }
    }
}
