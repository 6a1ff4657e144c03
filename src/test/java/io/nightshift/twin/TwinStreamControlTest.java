package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinStreamControlTest {

    private static final String SCRIPT = """
            rules:
              - match: {user_contains: "split"}
                reply:
                  text: "Grüße aus dem Zwilling, in kleinen Stücken."
                  stream: {chunk_chars: 5, split_bytes: 7, crlf: true}
              - match: {user_contains: "drop"}
                reply:
                  text: "this stream dies early"
                  stream: {drop_after_events: 3, event_delay_ms: 50}
              - match: {user_contains: "hang"}
                reply: {hang: true}
              - match: {user_contains: "slow start"}
                reply: {text: "late", delay_ms: 300}
              - match: {user_contains: "slow events"}
                reply:
                  text: "a b c d e"
                  stream: {chunk_chars: 2, event_delay_ms: 40}
              - match: {user_contains: "fail midway"}
                reply:
                  text: "half an answer"
                  stream: {error_after_events: 3, error: {status: 503, message: "try later"}}
              - reply: {text: "ok"}
            """;

    private final TwinServer twin = TwinServer.start(TwinScripts.parse(SCRIPT));
    private final TwinClient client = new TwinClient(twin);

    @AfterEach
    void close() {
        twin.close();
    }

    private static String ask(String text) {
        return """
                {"model":"claude-opus-4-6","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(text);
    }

    @Test
    void splitsFramesAcrossWritesAtByteBoundariesWithCrlfLines() throws IOException {
        List<byte[]> chunks = rawChunks(ask("split"));
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c).hasSize(7));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        String body = all.toString(StandardCharsets.UTF_8);
        assertThat(body).contains("event: message_start\r\ndata: ").doesNotContain("\n\n");
        StringBuilder text = new StringBuilder();
        List<TwinClient.Event> events = TwinClient.sse(body);
        events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .forEach(e -> {
                    assertThat(e.data().at("/delta/text").asText().codePointCount(0,
                            e.data().at("/delta/text").asText().length())).isLessThanOrEqualTo(5);
                    text.append(e.data().at("/delta/text").asText());
                });
        assertThat(text.toString()).isEqualTo("Grüße aus dem Zwilling, in kleinen Stücken.");
    }

    @Test
    void reportsAMidStreamErrorInEachProvidersOwnEvent() {
        List<TwinClient.Event> openai = TwinClient.sse(client.openai("""
                {"model":"gpt-5.2","stream":true,"input":"fail midway"}""").body());
        assertThat(openai).extracting(TwinClient.Event::event).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "error", "response.failed");
        assertThat(openai.get(3).data().get("message").asText()).isEqualTo("try later");
        assertThat(openai.get(4).data().at("/response/status").asText()).isEqualTo("failed");

        List<TwinClient.Event> gemini = TwinClient.sse(client.geminiStream("g", """
                {"contents":[{"role":"user","parts":[{"text":"fail midway"}]}]}""").body());
        assertThat(gemini).hasSize(1);
        assertThat(gemini.getLast().data()).isEqualTo(TwinClient.json("""
                {"error":{"code":503,"message":"try later","status":"UNAVAILABLE"}}"""));

        List<TwinClient.Event> chat = TwinClient.sse(client.chat("""
                {"model":"m","stream":true,"messages":[{"role":"user","content":"fail midway"}]}""").body());
        assertThat(chat.getLast().data().at("/error/message").asText()).isEqualTo("try later");
        assertThat(chat).noneMatch(e -> e.rawData().equals("[DONE]"));
    }

    @Test
    void dropsTheConnectionMidStream() throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(twin.baseUrl() + "/v1/messages"))
                .header("x-api-key", TwinOptions.DEFAULT_API_KEY).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(ask("drop"))).build();
        HttpResponse<InputStream> response = send(http, request);
        assertThat(response.statusCode()).isEqualTo(200);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        assertThatThrownBy(() -> {
            try (InputStream in = response.body()) {
                in.transferTo(received);
            }
        }).isInstanceOf(IOException.class);
        String partial = received.toString(StandardCharsets.UTF_8);
        assertThat(partial).contains("event: message_start").doesNotContain("message_stop");
    }

    @Test
    void hangsUntilTheTwinClosesAndThenReleasesTheClient() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(twin.baseUrl() + "/v1/messages"))
                .header("x-api-key", TwinOptions.DEFAULT_API_KEY).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(ask("hang"))).build();
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(300);
        assertThat(pending).isNotDone();
        twin.close();
        assertThatThrownBy(() -> pending.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void hangingRequestLetsTheClientTimeOut() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(twin.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofMillis(200))
                .header("x-api-key", TwinOptions.DEFAULT_API_KEY).header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(ask("hang"))).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(client.anthropic(ask("still serving")).statusCode()).isEqualTo(200);
    }

    @Test
    void waitsBeforeTheFirstByteAndBetweenEvents() {
        long start = System.nanoTime();
        client.anthropic(ask("slow start"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        start = System.nanoTime();
        List<TwinClient.Event> events = TwinClient.sse(client.anthropic(ask("slow events")).body());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(40L * (events.size() - 1)));
    }

    @Test
    void answersExpectContinueAsCurlSendsItForLargeBodies() throws IOException {
        byte[] payload = ask("hello").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", twin.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: " + TwinOptions.DEFAULT_API_KEY
                    + "\r\nanthropic-version: 2023-06-01\r\ncontent-type: application/json\r\ncontent-length: "
                    + payload.length + "\r\nexpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 100 Continue");
            readLine(in);
            out.write(payload);
            out.flush();
            assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private HttpResponse<InputStream> send(HttpClient http, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Sends a request over a plain socket and returns the HTTP chunks of the response as written. */
    private List<byte[]> rawChunks(String body) throws IOException {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", twin.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: " + TwinOptions.DEFAULT_API_KEY
                    + "\r\nanthropic-version: 2023-06-01\r\ncontent-type: application/json\r\ncontent-length: "
                    + payload.length + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            InputStream in = socket.getInputStream();
            String headers = readUntilBlankLine(in);
            assertThat(headers).containsIgnoringCase("transfer-encoding: chunked");
            List<byte[]> chunks = new ArrayList<>();
            while (true) {
                int size = Integer.parseInt(readLine(in).trim(), 16);
                if (size == 0) {
                    return chunks;
                }
                chunks.add(in.readNBytes(size));
                readLine(in);
            }
        }
    }

    private static String readUntilBlankLine(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            headers.append(line).append('\n');
        }
        return headers.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
