package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinGeminiTest {

    private static final String SCRIPT = """
            rules:
              - match: {user_contains: "use tools"}
                reply:
                  content:
                    - {type: thinking, thinking: "first list, then read", signature: "c2lnLXRob3VnaHQ="}
                    - {type: tool_call, name: list_files, arguments: {path: "."}, signature: "c2lnLWNhbGw="}
                    - {type: tool_call, name: read_file, arguments: {path: "README.md"}}
                  usage: {input_tokens: 300, output_tokens: 20, cache_read_tokens: 256, reasoning_tokens: 12}
              - match: {user_contains: "long"}
                reply: {text: "cut", finish_reason: length}
              - match: {user_contains: "rate"}
                reply: {error: {status: 429, message: "quota", retry_after: 3}}
              - match: {user_contains: "server"}
                reply: {error: {status: 500, message: "boom"}}
              - reply: {text: "Hello there, general."}
            """;

    private static final String MODEL = "gemini-3-flash-preview";
    private final TwinServer twin = TwinServer.start(TwinScripts.parse(SCRIPT));
    private final TwinClient client = new TwinClient(twin);

    @AfterEach
    void close() {
        twin.close();
    }

    private static String ask(String text) {
        return """
                {"contents":[{"role":"user","parts":[{"text":"%s"}]}],
                 "tools":[{"functionDeclarations":[{"name":"list_files","parameters":{"type":"OBJECT"}}]}]}"""
                .formatted(text);
    }

    @Test
    void answersWithThoughtAndFunctionCallParts() {
        JsonNode body = TwinClient.json(client.gemini(MODEL, ask("please use tools")).body());
        JsonNode parts = body.at("/candidates/0/content/parts");
        assertThat(parts.get(0)).isEqualTo(TwinClient.json("""
                {"text":"first list, then read","thought":true,"thoughtSignature":"c2lnLXRob3VnaHQ="}"""));
        assertThat(parts.get(1)).isEqualTo(TwinClient.json("""
                {"functionCall":{"name":"list_files","args":{"path":"."}},"thoughtSignature":"c2lnLWNhbGw="}"""));
        assertThat(parts.get(2)).isEqualTo(TwinClient.json("""
                {"functionCall":{"name":"read_file","args":{"path":"README.md"}}}"""));
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        JsonNode usage = body.get("usageMetadata");
        assertThat(usage.get("promptTokenCount").asInt()).isEqualTo(300);
        assertThat(usage.get("candidatesTokenCount").asInt()).isEqualTo(20);
        assertThat(usage.get("cachedContentTokenCount").asInt()).isEqualTo(256);
        assertThat(usage.get("thoughtsTokenCount").asInt()).isEqualTo(12);
        assertThat(usage.get("totalTokenCount").asInt()).isEqualTo(332);
        assertThat(body.get("modelVersion").asText()).isEqualTo(MODEL);
    }

    @Test
    void leavesZeroCountsOutAndReportsMaxTokens() {
        JsonNode body = TwinClient.json(client.gemini(MODEL, ask("a long one")).body());
        assertThat(body.at("/candidates/0/finishReason").asText()).isEqualTo("MAX_TOKENS");
        assertThat(body.get("usageMetadata").has("cachedContentTokenCount")).isFalse();
        assertThat(body.get("usageMetadata").has("thoughtsTokenCount")).isFalse();
    }

    @Test
    void streamsSseChunksWithCrlfAndDeliversEachCallWhole() {
        HttpResponse<String> response = client.geminiStream(MODEL, ask("please use tools"));
        assertThat(response.body()).contains("\r\n\r\n").doesNotContain("event:");
        List<TwinClient.Event> chunks = TwinClient.sse(response.body());
        assertThat(chunks).hasSize(4);
        assertThat(chunks.get(2).data().at("/candidates/0/content/parts/0/functionCall/args/path").asText())
                .isEqualTo(".");
        assertThat(chunks.get(0).data().at("/candidates/0/finishReason").isMissingNode()).isTrue();
        JsonNode last = chunks.get(3).data();
        assertThat(last.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
        assertThat(last.at("/usageMetadata/candidatesTokenCount").asInt()).isEqualTo(20);
    }

    @Test
    void streamsTextInChunksThatReassemble() {
        List<TwinClient.Event> chunks = TwinClient.sse(client.geminiStream(MODEL, ask("hi")).body());
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.data().at("/candidates/0/content/parts/0/text").asText()));
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(text.toString()).isEqualTo("Hello there, general.");
    }

    @Test
    void streamsAJsonArrayWithoutAltSse() {
        HttpResponse<String> response = client.post("/v1beta/models/" + MODEL + ":streamGenerateContent",
                ask("hi"), "x-goog-api-key", TwinOptions.DEFAULT_API_KEY);
        JsonNode array = TwinClient.json(response.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array.get(array.size() - 1).at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void acceptsTheKeyAsAQueryParameterAndRefusesAWrongOne() {
        assertThat(client.post("/v1beta/models/" + MODEL + ":generateContent?key=" + TwinOptions.DEFAULT_API_KEY,
                ask("hi")).statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = client.post("/v1beta/models/" + MODEL + ":generateContent?key=nope", ask("hi"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(TwinClient.json(wrong.body()).get("error").get("status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(TwinClient.json(wrong.body()).get("error").get("code").asInt()).isEqualTo(401);
    }

    @Test
    void usesGoogleStatusNamesForErrors() {
        HttpResponse<String> limited = client.gemini(MODEL, ask("rate"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("3");
        assertThat(TwinClient.json(limited.body())).isEqualTo(TwinClient.json("""
                {"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}"""));
        assertThat(TwinClient.json(client.gemini(MODEL, ask("server")).body()).at("/error/status").asText())
                .isEqualTo("INTERNAL");
    }

    @Test
    void refusesAFunctionResponseThatDoesNotFollowAFunctionCall() {
        HttpResponse<String> response = client.gemini(MODEL, """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]},
                  {"role":"model","parts":[{"text":"no call here"}]},
                  {"role":"user","parts":[{"functionResponse":{"name":"x","response":{"result":"r"}}}]}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TwinClient.json(response.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void refusesADeclarationWhoseParametersAreNotAnObject() {
        HttpResponse<String> response = client.gemini(MODEL, """
                {"contents":[{"role":"user","parts":[{"text":"hi"}]}],
                 "tools":[{"function_declarations":[{"name":"x","parameters":{"type":"STRING"}}]}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TwinClient.json(response.body()).at("/error/message").asText()).contains("parameters");
    }

    @Test
    void refusesARequestWithoutContents() {
        HttpResponse<String> response = client.gemini(MODEL, "{}");
        assertThat(response.statusCode()).isEqualTo(400);
    }
}
