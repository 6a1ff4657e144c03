package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinRecordingTest {

    @TempDir
    Path dir;

    private static final String REAL = """
            steps:
              - reply:
                  text: "recorded answer"
                  usage: {input_tokens: 9, output_tokens: 3}
              - reply:
                  tool_calls: [{id: toolu_R, name: read_file, arguments: {path: a.txt}}]
              - reply: {error: {status: 429, message: "slow", retry_after: 1}}
            """;

    private static String ask(String text, boolean stream) {
        return """
                {"model":"claude-opus-4-6","max_tokens":50,"stream":%s,
                 "messages":[{"role":"user","content":"%s"}]}""".formatted(stream, text);
    }

    @Test
    void appendsEveryRequestAsAJsonLineWithKeysMasked() throws IOException {
        Path file = dir.resolve("requests.jsonl");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse("rules: [{reply: {text: ok}}]"),
                TwinOptions.defaults().withRecordFile(file))) {
            TwinClient client = new TwinClient(twin);
            client.anthropic(ask("first", false));
            client.openai("{\"model\":\"gpt-5.2\",\"input\":\"second\"}");
            client.post("/v1beta/models/g:generateContent?key=" + TwinOptions.DEFAULT_API_KEY,
                    "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"third\"}]}]}");
            assertThat(twin.writeFailure()).isNull();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        JsonNode first = TwinClient.json(lines.get(0));
        assertThat(first.get("seq").asInt()).isEqualTo(1);
        assertThat(first.get("provider").asText()).isEqualTo("anthropic");
        assertThat(first.get("path").asText()).isEqualTo("/v1/messages");
        assertThat(first.at("/headers/x-api-key").asText()).isEqualTo("***");
        assertThat(first.at("/headers/anthropic-version").asText()).isEqualTo("2023-06-01");
        assertThat(first.at("/body/messages/0/content").asText()).isEqualTo("first");
        assertThat(TwinClient.json(lines.get(1)).at("/headers/authorization").asText()).isEqualTo("***");
        JsonNode third = TwinClient.json(lines.get(2));
        assertThat(third.get("provider").asText()).isEqualTo("gemini");
        assertThat(third.at("/query/key").asText()).isEqualTo("***");
        assertThat(String.join("\n", lines)).doesNotContain(TwinOptions.DEFAULT_API_KEY);
    }

    @Test
    void recordsRealAnswersThroughAnUpstreamAndReplaysThemExactly() throws IOException {
        Path replay = dir.resolve("replay.json");
        List<HttpResponse<String>> live;
        try (TwinServer real = TwinServer.start(TwinScripts.parse(REAL), TwinOptions.defaults().withApiKey("real-key"));
                TwinServer recorder = TwinServer.start(TwinScript.empty(), TwinOptions.defaults().withUpstream(
                        new Upstream(Provider.ANTHROPIC, URI.create(real.baseUrl()), "real-key", replay)))) {
            TwinClient client = new TwinClient(recorder);
            live = List.of(client.anthropic(ask("one", false)), client.anthropic(ask("two", true)),
                    client.anthropic(ask("three", false)));
            assertThat(real.requests()).hasSize(3);
            assertThat(real.requests().getFirst().header("x-api-key")).isEqualTo("real-key");
            assertThat(real.requests().getFirst().header("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(recorder.recordedScript().steps()).hasSize(3);
        }
        assertThat(live.get(0).statusCode()).isEqualTo(200);
        assertThat(TwinClient.json(live.get(0).body()).at("/content/0/text").asText()).isEqualTo("recorded answer");
        assertThat(live.get(1).body()).contains("event: message_start", "toolu_R");
        assertThat(live.get(2).statusCode()).isEqualTo(429);
        assertThat(live.get(2).headers().firstValue("retry-after")).hasValue("1");

        TwinScript recorded = TwinScripts.load(replay);
        try (TwinServer replayer = TwinServer.start(recorded)) {
            TwinClient client = new TwinClient(replayer);
            List<HttpResponse<String>> replayed = List.of(client.anthropic(ask("one", false)),
                    client.anthropic(ask("two", true)), client.anthropic(ask("three", false)));
            for (int i = 0; i < 3; i++) {
                assertThat(replayed.get(i).statusCode()).isEqualTo(live.get(i).statusCode());
                assertThat(replayed.get(i).body()).isEqualTo(live.get(i).body());
                assertThat(replayed.get(i).headers().firstValue("content-type"))
                        .isEqualTo(live.get(i).headers().firstValue("content-type"));
            }
            assertThat(replayed.get(2).headers().firstValue("retry-after")).hasValue("1");
            assertThat(replayer.remainingSteps()).isZero();
        }
    }

    @Test
    void relaysAnUpstreamStreamAsItArrives() throws Exception {
        String slow = "rules: [{reply: {text: 'abcdefgh', stream: {chunk_chars: 2, event_delay_ms: 150}}}]";
        try (TwinServer real = TwinServer.start(TwinScripts.parse(slow));
                TwinServer recorder = TwinServer.start(TwinScript.empty(), TwinOptions.defaults().withUpstream(
                        new Upstream(Provider.ANTHROPIC, URI.create(real.baseUrl()), TwinOptions.DEFAULT_API_KEY,
                                dir.resolve("replay.json"))))) {
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                            URI.create(recorder.baseUrl() + "/v1/messages"))
                    .header("x-api-key", TwinOptions.DEFAULT_API_KEY).header("anthropic-version", "2023-06-01")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ask("go", true))).build();
            HttpResponse<java.util.stream.Stream<String>> response = java.net.http.HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofLines());
            long start = System.nanoTime();
            long firstEvent = -1;
            long lastEvent = -1;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.startsWith("event: ")) {
                    long now = System.nanoTime() - start;
                    firstEvent = firstEvent < 0 ? now : firstEvent;
                    lastEvent = now;
                }
            }
            assertThat((lastEvent - firstEvent) / 1_000_000).isGreaterThanOrEqualTo(600);
            assertThat(recorder.recordedScript().steps()).singleElement()
                    .satisfies(step -> assertThat(step.reply().raw().body()).contains("message_stop"));
        }
    }

    @Test
    void keepsOnlyTheMostRecentThousandRequestsInMemoryButAllInTheFile() throws IOException {
        Path file = dir.resolve("many.jsonl");
        try (TwinServer twin = TwinServer.start(TwinScripts.parse("rules: [{reply: {text: ok}}]"),
                TwinOptions.defaults().withRecordFile(file))) {
            TwinClient client = new TwinClient(twin);
            for (int i = 0; i < 1003; i++) {
                client.openai("{\"model\":\"m\",\"input\":\"x\"}");
            }
            assertThat(twin.requests()).hasSize(1000);
            assertThat(twin.requests().getFirst().seq()).isEqualTo(4);
            assertThat(twin.requests().getLast().seq()).isEqualTo(1003);
        }
        assertThat(Files.readAllLines(file)).hasSize(1003);
    }

    @Test
    void reportsAnUnreachableUpstreamAsABadGateway() {
        Path replay = dir.resolve("replay.json");
        try (TwinServer recorder = TwinServer.start(TwinScript.empty(), TwinOptions.defaults().withUpstream(
                new Upstream(Provider.OPENAI, URI.create("http://127.0.0.1:1"), "k", replay)))) {
            HttpResponse<String> response = new TwinClient(recorder).openai("{\"model\":\"m\",\"input\":\"x\"}");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(TwinClient.json(response.body()).at("/error/message").asText()).contains("upstream");
        }
    }
}
