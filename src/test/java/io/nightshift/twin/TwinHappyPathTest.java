package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinHappyPathTest {

    private static final String SCRIPT = """
            rules:
              - reply:
                  text: "Hello from the twin"
                  usage: {input_tokens: 12, output_tokens: 5}
            """;

    private TwinServer twin = TwinServer.start(TwinScripts.parse(SCRIPT));
    private final TwinClient client = new TwinClient(twin);

    @AfterEach
    void close() {
        twin.close();
    }

    @Test
    void anthropicAnswersAMessageWithTextAndUsage() {
        HttpResponse<String> response = client.anthropic("""
                {"model":"claude-opus-4-6","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TwinClient.json(response.body());
        assertThat(body.get("id").asText()).startsWith("msg_");
        assertThat(body.get("type").asText()).isEqualTo("message");
        assertThat(body.get("role").asText()).isEqualTo("assistant");
        assertThat(body.get("model").asText()).isEqualTo("claude-opus-4-6");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(body.at("/content/0/text").asText()).isEqualTo("Hello from the twin");
        assertThat(body.get("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void anthropicStreamsTheRealEventSequence() {
        HttpResponse<String> response = client.anthropic("""
                {"model":"claude-opus-4-6","max_tokens":100,"stream":true,
                 "messages":[{"role":"user","content":"hi"}]}""");
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<TwinClient.Event> events = TwinClient.sse(response.body());
        assertThat(events).extracting(TwinClient.Event::event).containsExactly("message_start", "ping",
                "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .forEach(e -> text.append(e.data().at("/delta/text").asText()));
        assertThat(text.toString()).isEqualTo("Hello from the twin");
        assertThat(events.get(6).data().at("/delta/stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void openAiResponsesAnswersWithAMessageItem() {
        HttpResponse<String> response = client.openai("""
                {"model":"gpt-5.2","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = TwinClient.json(response.body());
        assertThat(body.get("id").asText()).startsWith("resp_");
        assertThat(body.get("status").asText()).isEqualTo("completed");
        assertThat(body.at("/output/0/type").asText()).isEqualTo("message");
        assertThat(body.at("/output/0/content/0/type").asText()).isEqualTo("output_text");
        assertThat(body.at("/output/0/content/0/text").asText()).isEqualTo("Hello from the twin");
        assertThat(body.at("/usage/input_tokens").asInt()).isEqualTo(12);
        assertThat(body.at("/usage/total_tokens").asInt()).isEqualTo(17);
    }

    @Test
    void openAiResponsesStreamsTextDeltasAndCompletes() {
        HttpResponse<String> response = client.openai("""
                {"model":"gpt-5.2","stream":true,"input":"hi"}""");
        List<TwinClient.Event> events = TwinClient.sse(response.body());
        assertThat(events.getFirst().event()).isEqualTo("response.created");
        assertThat(events.getLast().event()).isEqualTo("response.completed");
        assertThat(events).extracting(TwinClient.Event::event).contains("response.output_item.added",
                "response.output_text.delta", "response.output_item.done");
        assertThat(events.getLast().data().at("/response/usage/output_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void geminiAnswersAndStreamsGenerateContent() {
        String request = """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
        JsonNode body = TwinClient.json(client.gemini("gemini-3-flash-preview", request).body());
        assertThat(body.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Hello from the twin");
        assertThat(body.at("/candidates/0/content/role").asText()).isEqualTo("model");
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(body.at("/usageMetadata/promptTokenCount").asInt()).isEqualTo(12);
        assertThat(body.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(5);

        List<TwinClient.Event> chunks = TwinClient.sse(client.geminiStream("gemini-3-flash-preview", request).body());
        assertThat(chunks).hasSize(2);
        assertThat(chunks.getLast().data().at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void nonStreamingBodiesHaveExactlyTheProvidersShape() {
        assertThat(normalized(client.anthropic("""
                {"model":"claude-opus-4-6","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""")))
                .isEqualTo(TwinClient.json("""
                {"id":"ID","type":"message","role":"assistant","model":"claude-opus-4-6",
                 "content":[{"type":"text","text":"Hello from the twin"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,
                          "output_tokens":5}}"""));
        assertThat(normalized(client.openai("{\"model\":\"gpt-5.2\",\"input\":\"hi\"}")))
                .isEqualTo(TwinClient.json("""
                {"id":"ID","object":"response","created_at":0,"status":"completed","error":null,
                 "incomplete_details":null,"model":"gpt-5.2",
                 "output":[{"id":"ID","type":"message","status":"completed","role":"assistant",
                            "content":[{"type":"output_text","text":"Hello from the twin","annotations":[]}]}],
                 "parallel_tool_calls":true,"previous_response_id":null,
                 "usage":{"input_tokens":12,"input_tokens_details":{"cached_tokens":0},"output_tokens":5,
                          "output_tokens_details":{"reasoning_tokens":0},"total_tokens":17}}"""));
        assertThat(normalized(client.gemini("gemini-3-flash-preview",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}")))
                .isEqualTo(TwinClient.json("""
                {"candidates":[{"content":{"parts":[{"text":"Hello from the twin"}],"role":"model"},
                                "finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":12,"candidatesTokenCount":5,"totalTokenCount":17,
                                  "promptTokensDetails":[{"modality":"TEXT","tokenCount":12}]},
                 "modelVersion":"gemini-3-flash-preview","responseId":"ID"}"""));
        assertThat(normalized(client.chat("""
                {"model":"llama","messages":[{"role":"user","content":"hi"}]}""")))
                .isEqualTo(TwinClient.json("""
                {"id":"ID","object":"chat.completion","created":0,"model":"llama",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the twin"},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,
                          "prompt_tokens_details":{"cached_tokens":0},
                          "completion_tokens_details":{"reasoning_tokens":0}}}"""));
    }

    /** The body with generated ids and timestamps replaced, after checking they look right. */
    private static JsonNode normalized(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = TwinClient.json(response.body());
        replace(body);
        return body;
    }

    private static void replace(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            for (String field : List.of("id", "responseId")) {
                if (object.has(field)) {
                    assertThat(object.get(field).asText()).matches("(msg_|resp_|chatcmpl-)?[0-9A-Za-z_]{16,}");
                    object.put(field, "ID");
                }
            }
            for (String field : List.of("created_at", "created")) {
                if (object.has(field)) {
                    assertThat(object.get(field).asLong()).isPositive();
                    object.put(field, 0);
                }
            }
        }
        node.forEach(TwinHappyPathTest::replace);
    }

    @Test
    void chatCompletionsAnswersAndStreamsUntilDone() {
        JsonNode body = TwinClient.json(client.chat("""
                {"model":"llama","messages":[{"role":"user","content":"hi"}]}""").body());
        assertThat(body.get("id").asText()).startsWith("chatcmpl-");
        assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from the twin");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

        List<TwinClient.Event> chunks = TwinClient.sse(client.chat("""
                {"model":"llama","stream":true,"messages":[{"role":"user","content":"hi"}]}""").body());
        assertThat(chunks.getLast().rawData()).isEqualTo("[DONE]");
    }
}
