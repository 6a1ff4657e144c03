package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinAnthropicTest {

    private static final String SCRIPT = """
            rules:
              - match: {user_contains: "use tools"}
                reply:
                  content:
                    - {type: thinking, thinking: "I should list files and read one.", signature: "sig-123"}
                    - {type: redacted_thinking, data: "opaque-blob"}
                    - {type: text, text: "Let me look."}
                    - {type: tool_call, id: toolu_A, name: list_files, arguments: {path: "."}}
                    - {type: tool_call, name: read_file, arguments: {path: "README.md", limit: 10}}
                  usage: {input_tokens: 100, output_tokens: 40, cache_read_tokens: 80, cache_write_tokens: 20}
              - match: {user_contains: "long"}
                reply: {text: "cut off", finish_reason: length}
              - match: {user_contains: "rate"}
                reply: {error: {status: 429, message: "slow down", retry_after: 7}}
              - match: {user_contains: "overload"}
                reply: {error: {status: 529}}
              - match: {user_contains: "server"}
                reply: {error: {status: 500, message: "boom"}}
              - match: {user_contains: "unauthorized"}
                reply: {error: {status: 401, message: "key revoked"}}
              - match: {user_contains: "bad"}
                reply: {error: {status: 400, message: "scripted refusal"}}
              - match: {user_contains: "midstream"}
                reply:
                  text: "partial answer that never finishes"
                  stream: {error_after_events: 4}
              - reply: {text: "ok"}
            """;

    private final TwinServer twin = TwinServer.start(TwinScripts.parse(SCRIPT));
    private final TwinClient client = new TwinClient(twin);

    @AfterEach
    void close() {
        twin.close();
    }

    private static String ask(String text, boolean stream) {
        return """
                {"model":"claude-opus-4-6","max_tokens":1024,"stream":%s,
                 "messages":[{"role":"user","content":[{"type":"text","text":"%s"}]}]}""".formatted(stream, text);
    }

    @Test
    void answersWithThinkingTextAndParallelToolUseBlocks() {
        JsonNode body = TwinClient.json(client.anthropic(ask("please use tools", false)).body());
        JsonNode content = body.get("content");
        assertThat(content).hasSize(5);
        assertThat(content.get(0)).isEqualTo(TwinClient.json("""
                {"type":"thinking","thinking":"I should list files and read one.","signature":"sig-123"}"""));
        assertThat(content.get(1)).isEqualTo(TwinClient.json("""
                {"type":"redacted_thinking","data":"opaque-blob"}"""));
        assertThat(content.get(3)).isEqualTo(TwinClient.json("""
                {"type":"tool_use","id":"toolu_A","name":"list_files","input":{"path":"."}}"""));
        assertThat(content.get(4).get("id").asText()).startsWith("toolu_01");
        assertThat(content.get(4).get("input")).isEqualTo(TwinClient.json("{\"path\":\"README.md\",\"limit\":10}"));
        assertThat(body.get("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(body.get("usage")).isEqualTo(TwinClient.json("""
                {"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":80,"output_tokens":40}"""));
    }

    @Test
    void streamsThinkingSignatureAndToolInputAsDeltas() {
        List<TwinClient.Event> events = TwinClient.sse(client.anthropic(ask("please use tools", true)).body());
        JsonNode start = events.getFirst().data();
        assertThat(start.at("/message/usage/cache_read_input_tokens").asInt()).isEqualTo(80);
        assertThat(start.at("/message/content")).isEmpty();

        List<JsonNode> starts = data(events, "content_block_start");
        assertThat(starts).extracting(n -> n.at("/content_block/type").asText())
                .containsExactly("thinking", "redacted_thinking", "text", "tool_use", "tool_use");
        assertThat(starts.get(3).get("content_block")).isEqualTo(TwinClient.json("""
                {"type":"tool_use","id":"toolu_A","name":"list_files","input":{}}"""));
        assertThat(starts.get(1).at("/content_block/data").asText()).isEqualTo("opaque-blob");

        StringBuilder thinking = new StringBuilder();
        StringBuilder signature = new StringBuilder();
        StringBuilder json = new StringBuilder();
        for (JsonNode delta : data(events, "content_block_delta")) {
            switch (delta.at("/delta/type").asText()) {
                case "thinking_delta" -> thinking.append(delta.at("/delta/thinking").asText());
                case "signature_delta" -> signature.append(delta.at("/delta/signature").asText());
                case "input_json_delta" -> {
                    if (delta.get("index").asInt() == 4) {
                        json.append(delta.at("/delta/partial_json").asText());
                    }
                }
                default -> { }
            }
        }
        assertThat(thinking.toString()).isEqualTo("I should list files and read one.");
        assertThat(signature.toString()).isEqualTo("sig-123");
        assertThat(TwinClient.json(json.toString())).isEqualTo(TwinClient.json("{\"path\":\"README.md\",\"limit\":10}"));
        JsonNode messageDelta = data(events, "message_delta").getFirst();
        assertThat(messageDelta.at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(messageDelta.at("/usage/output_tokens").asInt()).isEqualTo(40);
        assertThat(events.getLast().event()).isEqualTo("message_stop");
    }

    @Test
    void reportsMaxTokensAsTheStopReason() {
        JsonNode body = TwinClient.json(client.anthropic(ask("a long one", false)).body());
        assertThat(body.get("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void rateLimitCarriesRetryAfterAndAnthropicErrorShape() {
        HttpResponse<String> response = client.anthropic(ask("rate me", false));
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
        JsonNode body = TwinClient.json(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.get("error")).isEqualTo(TwinClient.json("""
                {"type":"rate_limit_error","message":"slow down"}"""));
    }

    @Test
    void mapsEveryErrorStatusToItsAnthropicType() {
        assertThat(errorType(client.anthropic(ask("overload", false)), 529)).isEqualTo("overloaded_error");
        assertThat(errorType(client.anthropic(ask("server", false)), 500)).isEqualTo("api_error");
        assertThat(errorType(client.anthropic(ask("bad", false)), 400)).isEqualTo("invalid_request_error");
        assertThat(errorType(client.anthropic(ask("unauthorized", false)), 401)).isEqualTo("authentication_error");
    }

    @Test
    void rejectsMissingAndWrongKeysAndAMissingVersionHeader() {
        String body = ask("hi", false);
        assertThat(errorType(client.post("/v1/messages", body, "anthropic-version", "2023-06-01"), 401))
                .isEqualTo("authentication_error");
        assertThat(errorType(client.post("/v1/messages", body, "x-api-key", "wrong", "anthropic-version",
                "2023-06-01"), 401)).isEqualTo("authentication_error");
        HttpResponse<String> noVersion = client.post("/v1/messages", body, "x-api-key", TwinOptions.DEFAULT_API_KEY);
        assertThat(errorType(noVersion, 400)).isEqualTo("invalid_request_error");
        assertThat(TwinClient.json(noVersion.body()).at("/error/message").asText()).contains("anthropic-version");
    }

    @Test
    void recordsTheBetaHeaderAndLowerCasesHeaderNames() {
        client.post("/v1/messages", ask("hi", false), "X-Api-Key", TwinOptions.DEFAULT_API_KEY,
                "Anthropic-Version", "2023-06-01", "Anthropic-Beta", "interleaved-thinking-2025-05-14");
        RecordedRequest recorded = twin.requests().getFirst();
        assertThat(recorded.provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(recorded.headers()).containsEntry("anthropic-beta", "interleaved-thinking-2025-05-14")
                .containsEntry("x-api-key", TwinOptions.DEFAULT_API_KEY);
        assertThat(recorded.json().at("/messages/0/content/0/text").asText()).isEqualTo("hi");
    }

    @Test
    void sendsAnErrorEventInTheMiddleOfAStream() {
        List<TwinClient.Event> events = TwinClient.sse(client.anthropic(ask("midstream", true)).body());
        assertThat(events).extracting(TwinClient.Event::event)
                .containsExactly("message_start", "ping", "content_block_start", "content_block_delta", "error");
        assertThat(events.getLast().data().at("/error/type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void refusesARequestWithoutMaxTokens() {
        assertValidation("""
                {"model":"m","messages":[{"role":"user","content":"hi"}]}""", "max_tokens");
    }

    @Test
    void refusesAConversationThatDoesNotStartWithTheUser() {
        assertValidation("""
                {"model":"m","max_tokens":10,"messages":[{"role":"assistant","content":"hi"}]}""", "first message");
    }

    @Test
    void refusesMessagesThatDoNotAlternate() {
        assertValidation("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}""",
                "alternate");
    }

    @Test
    void refusesAToolResultWithoutAMatchingToolUse() {
        assertValidation("""
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"x","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"r"}]}]}""",
                "toolu_2");
    }

    @Test
    void refusesAToolUseThatIsNotAnsweredInTheNextMessage() {
        assertValidation("""
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"x","input":{}}]},
                  {"role":"user","content":"no result"}]}""", "toolu_1");
    }

    @Test
    void refusesAToolSchemaWhoseRootIsNotAnObject() {
        assertValidation("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"a"}],
                 "tools":[{"name":"x","input_schema":{"type":"string"}}]}""", "tools.0");
    }

    @Test
    void refusesAThinkingBlockSentBackWithoutItsSignature() {
        assertValidation("""
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"b"}]},
                  {"role":"user","content":"c"}]}""", "signature");
    }

    @Test
    void acceptsAWellFormedToolRoundTrip() {
        HttpResponse<String> response = client.anthropic("""
                {"model":"m","max_tokens":10,"messages":[
                  {"role":"user","content":"a"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"s"},
                     {"type":"tool_use","id":"toolu_1","name":"x","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"r"}]}]}""");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private void assertValidation(String body, String mentions) {
        HttpResponse<String> response = client.anthropic(body);
        assertThat(errorType(response, 400)).isEqualTo("invalid_request_error");
        assertThat(TwinClient.json(response.body()).at("/error/message").asText()).contains(mentions);
    }

    private static String errorType(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = TwinClient.json(response.body());
        assertThat(body.get("type").asText()).isEqualTo("error");
        return body.at("/error/type").asText();
    }

    private static List<JsonNode> data(List<TwinClient.Event> events, String name) {
        return events.stream().filter(e -> name.equals(e.event())).map(TwinClient.Event::data).toList();
    }
}
