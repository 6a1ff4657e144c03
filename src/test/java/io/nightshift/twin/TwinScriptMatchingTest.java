package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinScriptMatchingTest {

    private TwinServer twin;
    private TwinClient client;

    private void start(String script) {
        twin = TwinServer.start(TwinScripts.parse(script));
        client = new TwinClient(twin);
    }

    @AfterEach
    void close() {
        if (twin != null) {
            twin.close();
        }
    }

    private static String anthropic(String... turns) {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < turns.length; i++) {
            if (i > 0) {
                messages.append(',');
            }
            messages.append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":\"")
                    .append(turns[i]).append("\"}");
        }
        return "{\"model\":\"claude-opus-4-6\",\"max_tokens\":10,\"messages\":[" + messages + "]}";
    }

    private static String text(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TwinClient.json(response.body()).at("/content/0/text").asText();
    }

    @Test
    void playsStepsInOrderAndThenFallsBackToRules() {
        start("""
                steps:
                  - reply: {text: "first"}
                  - reply: {text: "second"}
                rules:
                  - reply: {text: "fallback"}
                """);
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("first");
        assertThat(twin.remainingSteps()).isEqualTo(1);
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("second");
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("fallback");
        assertThat(twin.remainingSteps()).isZero();
    }

    @Test
    void firstMatchingRuleWinsOnUserTextModelAndTools() {
        start("""
                rules:
                  - match: {model: "claude-sonnet-4-5"}
                    reply: {text: "sonnet"}
                  - match: {has_tool: "shell"}
                    reply: {text: "has shell"}
                  - match: {user_contains: "weather"}
                    reply: {text: "sunny"}
                  - match: {user_contains: "weather in Paris"}
                    reply: {text: "never chosen, the rule above wins"}
                """);
        assertThat(text(client.anthropic(anthropic("the weather in Paris?")))).isEqualTo("sunny");
        assertThat(text(client.anthropic(anthropic("x").replace("claude-opus-4-6", "claude-sonnet-4-5"))))
                .isEqualTo("sonnet");
        String withTool = anthropic("x").replace("\"messages\"",
                "\"tools\":[{\"name\":\"shell\",\"input_schema\":{\"type\":\"object\"}}],\"messages\"");
        assertThat(text(client.anthropic(withTool))).isEqualTo("has shell");
    }

    @Test
    void matchesTurnAndRequestNumbers() {
        start("""
                rules:
                  - match: {request: 1}
                    reply: {text: "very first request"}
                  - match: {turn: 2}
                    reply: {text: "second turn"}
                  - match: {turn: 1}
                    reply: {text: "first turn"}
                """);
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("very first request");
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("first turn");
        assertThat(text(client.anthropic(anthropic("a", "b", "c")))).isEqualTo("second turn");
    }

    @Test
    void matchesTheLastToolResultAcrossProviders() {
        start("""
                rules:
                  - match: {tool_result_contains: "README"}
                    reply: {text: "saw the listing"}
                  - reply: {text: "no result yet"}
                """);
        HttpResponse<String> anthropic = client.anthropic("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"list"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"ls","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1",
                   "content":[{"type":"text","text":"README.md\\nsrc"}]}]}]}""");
        assertThat(text(anthropic)).isEqualTo("saw the listing");
        JsonNode openai = TwinClient.json(client.openai("""
                {"model":"m","input":[{"role":"user","content":"list"},
                 {"type":"function_call","call_id":"c1","name":"ls","arguments":"{}"},
                 {"type":"function_call_output","call_id":"c1","output":"README.md"}]}""").body());
        assertThat(openai.at("/output/0/content/0/text").asText()).isEqualTo("saw the listing");
        JsonNode gemini = TwinClient.json(client.gemini("g", """
                {"contents":[{"role":"user","parts":[{"text":"list"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"ls","args":{}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"ls","response":{"result":"README.md"}}}]}]}""")
                .body());
        assertThat(gemini.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("saw the listing");
        assertThat(text(client.anthropic(anthropic("list")))).isEqualTo("no result yet");
    }

    @Test
    void matchesProviderAndStreamingChoice() {
        start("""
                rules:
                  - match: {provider: openai}
                    reply: {text: "openai"}
                  - match: {provider: anthropic, stream: true}
                    reply: {text: "anthropic streaming"}
                  - match: {provider: anthropic}
                    reply: {text: "anthropic"}
                """);
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("anthropic");
        String streamed = client.anthropic(anthropic("a").replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""))
                .body();
        assertThat(streamed).contains("event: content_block_delta", "\"anthropic stream\"");
        assertThat(TwinClient.json(client.openai("{\"model\":\"m\",\"input\":\"a\"}").body())
                .at("/output/0/content/0/text").asText()).isEqualTo("openai");
    }

    @Test
    void answersAnUnmatchedRequestWithALoudServerErrorNamingIt() {
        start("""
                steps:
                  - match: {user_contains: "expected words"}
                    reply: {text: "x"}
                """);
        HttpResponse<String> response = client.anthropic(anthropic("something else entirely"));
        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = TwinClient.json(response.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("api_error");
        assertThat(error.get("message").asText()).contains("request #1", "something else entirely", "steps[0]",
                "expected words");
        HttpResponse<String> gemini = client.gemini("g", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(500);
        assertThat(TwinClient.json(gemini.body()).at("/error/message").asText()).contains("request #2", "gemini");
    }

    @Test
    void answersUnknownModelsWithEachProvidersNotFound() {
        start("""
                models: [claude-opus-4-6, gpt-5.2, gemini-3-flash-preview]
                rules:
                  - reply: {text: "ok"}
                """);
        assertThat(client.anthropic(anthropic("a")).statusCode()).isEqualTo(200);
        HttpResponse<String> anthropic = client.anthropic(anthropic("a").replace("claude-opus-4-6", "claude-nope"));
        assertThat(anthropic.statusCode()).isEqualTo(404);
        assertThat(TwinClient.json(anthropic.body()).at("/error/type").asText()).isEqualTo("not_found_error");
        HttpResponse<String> openai = client.openai("{\"model\":\"gpt-nope\",\"input\":\"a\"}");
        assertThat(openai.statusCode()).isEqualTo(404);
        assertThat(TwinClient.json(openai.body()).at("/error/code").asText()).isEqualTo("model_not_found");
        HttpResponse<String> gemini = client.gemini("gemini-nope",
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"q\"}]}]}");
        assertThat(gemini.statusCode()).isEqualTo(404);
        assertThat(TwinClient.json(gemini.body()).at("/error/status").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void answersUnknownRoutesWith404AndRecordsThem() {
        start("rules: [{reply: {text: ok}}]");
        HttpResponse<String> response = client.post("/v1/nothing-here", "{}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TwinClient.json(response.body()).at("/error/message").asText()).contains("/v1/nothing-here");
        assertThat(twin.requests()).singleElement().satisfies(r -> {
            assertThat(r.provider()).isNull();
            assertThat(r.path()).isEqualTo("/v1/nothing-here");
        });
    }

    @Test
    void resetSwapsTheScriptAndForgetsRequests() {
        start("steps: [{reply: {text: one}}]");
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("one");
        twin.reset(TwinScripts.parse("steps: [{reply: {text: two}}]"));
        assertThat(twin.requests()).isEmpty();
        assertThat(text(client.anthropic(anthropic("a")))).isEqualTo("two");
        assertThat(twin.requests()).singleElement().extracting(RecordedRequest::seq).isEqualTo(1);
    }
}
