package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nightshift twin record} then {@code twin replay}, over real HTTP, as a user runs them. */
class TwinRecordCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine nightshift() {
        CommandLine cli = new CommandLine(new NightshiftCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    @Test
    void recordsUntilInterruptedThenReplaysWhatItRecordedAndA501ForTheRest() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        upstream.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"id\":\"ch_1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        Path cassette = dir.resolve("payments.json");
        try {
            String proxy = startAndAwait(nightshift(), "recording .* through (http://127\\.0\\.0\\.1:\\d+) into",
                    "twin", "record", "--upstream", "http://127.0.0.1:" + upstream.getAddress().getPort(), "--out",
                    cassette.toString(), "--ignore-body-field", "nonce");
            assertThat(post(proxy + "/v1/charges", "{\"amount\":5,\"nonce\":1}").body()).isEqualTo("{\"id\":\"ch_1\"}");
            running.interrupt();
            running.join(30_000);
            assertThat(exit.get()).isEqualTo(130);
            assertThat(out.toString()).contains("wrote 1 exchange(s)");
        } finally {
            upstream.stop(0);
        }
        assertThat(Files.readString(cassette)).contains("\"path\" : \"/v1/charges\"", "\"nonce\"");

        String twin = startAndAwait(nightshift(), "cassette twin listening on (http://127\\.0\\.0\\.1:\\d+) \\(1 exchange",
                "twin", "replay", "--cassette", cassette.toString());
        try {
            HttpResponse<String> replayed = post(twin + "/v1/charges", "{\"nonce\":2,\"amount\":5}");
            assertThat(replayed.statusCode()).isEqualTo(201);
            assertThat(replayed.body()).isEqualTo("{\"id\":\"ch_1\"}");
            HttpResponse<String> missing = post(twin + "/v1/refunds", "{}");
            assertThat(missing.statusCode()).isEqualTo(501);
            assertThat(missing.body()).contains("POST /v1/refunds");
        } finally {
            running.interrupt();
            running.join(30_000);
        }
    }

    @Test
    void aBrokenCassetteIsABadUsageErrorNamingTheFile() throws IOException {
        Path cassette = dir.resolve("broken.json");
        Files.writeString(cassette, "{\"exchanges\": [");
        assertThat(nightshift().execute("twin", "replay", "--cassette", cassette.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("broken.json", "not valid JSON").doesNotContain("Exception");
    }

    @Test
    void anUpstreamThatIsNotAUrlIsABadUsageError() {
        assertThat(nightshift().execute("twin", "record", "--upstream", "ftp://x", "--out",
                dir.resolve("c.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("http or https URL");
    }

    private Thread running;
    private final AtomicInteger exit = new AtomicInteger(-1);

    private String startAndAwait(CommandLine cli, String pattern, String... args) throws InterruptedException {
        exit.set(-1);
        running = new Thread(() -> exit.set(cli.execute(args)));
        running.start();
        Matcher m = Pattern.compile(pattern).matcher("");
        Instant deadline = Instant.now().plusSeconds(60);
        while (!m.reset(out.toString()).find() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(m.find(0)).as(out + err.toString()).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
