package io.nightshift.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.Client;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.FinishReason;
import io.nightshift.llm.GenerateOptions;
import io.nightshift.llm.GenerateResult;
import io.nightshift.llm.Json;
import io.nightshift.llm.Llm;
import io.nightshift.llm.Message;
import io.nightshift.llm.ProviderConfig;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.Tool;
import io.nightshift.llm.Warning;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider-specific behaviour checked against the twin over HTTP. */
class AdapterBehaviourTest {

    private TwinServer twin;

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private TwinServer twin(String script) {
        twin = TwinServer.start(TwinScripts.parse(script));
        return twin;
    }

    @Test
    void anthropicThinkingBlocksGoBackWithTheirSignaturesIntact() {
        twin("""
                steps:
                  - reply:
                      content:
                        - {type: thinking, thinking: "The user wants the file.", signature: "EqQBCkYIARgC"}
                        - {type: redacted_thinking, data: "RW5jcnlwdGVkIHJlYXNvbmluZw=="}
                        - {type: tool_call, id: toolu_01, name: read_file, arguments: {path: notes.md}}
                  - reply: {text: "The notes say hello."}
                """);
        Client client = Client.builder().anthropic(ProviderConfig.of(twin.apiKey(), twin.baseUrl())).build();
        Tool read = Tool.active("read_file", "Read a file", null, (args, ctx) -> "hello");
        GenerateResult result = Llm.generate(GenerateOptions.builder("claude-opus-4-6").client(client)
                .prompt("Read notes.md").tools(read).build());
        assertThat(result.steps().get(0).response().message().content()).containsExactly(
                new ContentPart.Thinking("The user wants the file.", "EqQBCkYIARgC"),
                new ContentPart.RedactedThinking("RW5jcnlwdGVkIHJlYXNvbmluZw=="),
                new ContentPart.ToolCallPart(result.steps().get(0).toolCalls().get(0)));
        JsonNode replayed = twin.requests().get(1).json().at("/messages/1/content");
        assertThat(replayed.get(0)).isEqualTo(Json.parseOrNull(
                "{\"type\":\"thinking\",\"thinking\":\"The user wants the file.\",\"signature\":\"EqQBCkYIARgC\"}"));
        assertThat(replayed.get(1)).isEqualTo(Json.parseOrNull(
                "{\"type\":\"redacted_thinking\",\"data\":\"RW5jcnlwdGVkIHJlYXNvbmluZw==\"}"));
        assertThat(result.text()).isEqualTo("The notes say hello.");
    }

    @Test
    void anthropicStreamsReasoningAsStartDeltaEnd() {
        twin("""
                rules:
                  - reply: {thinking: "step one, step two", text: "done", stream: {chunk_chars: 5}}
                """);
        Client client = Client.builder().anthropic(ProviderConfig.of(twin.apiKey(), twin.baseUrl())).build();
        List<StreamEvent> events = new ArrayList<>();
        client.stream(Request.builder("claude-opus-4-6").message(Message.user("think")).build()).forEachRemaining(events::add);
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.ReasoningStart).hasSize(1);
        StringBuilder reasoning = new StringBuilder();
        events.stream().filter(e -> e instanceof StreamEvent.ReasoningDelta)
                .forEach(e -> reasoning.append(((StreamEvent.ReasoningDelta) e).delta()));
        assertThat(reasoning.toString()).isEqualTo("step one, step two");
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.ReasoningEnd).singleElement()
                .isInstanceOfSatisfying(StreamEvent.ReasoningEnd.class, e -> assertThat(e.text()).isEqualTo("step one, step two"));
    }

    @Test
    void geminiKeepsTextSegmentsApartAroundAFunctionCall() {
        twin("""
                rules:
                  - reply:
                      content:
                        - {type: text, text: "before "}
                        - {type: tool_call, name: look, arguments: {q: x}}
                        - {type: text, text: "after"}
                """);
        Client client = Client.fromEnv(twin.environment());
        Response r = client.complete(Request.builder("gemini-3-flash-preview").provider("gemini").message(Message.user("x")).build());
        assertThat(r.message().content()).hasSize(3);
        assertThat(r.message().content().get(0)).isEqualTo(new ContentPart.Text("before "));
        assertThat(r.message().content().get(1)).isInstanceOf(ContentPart.ToolCallPart.class);
        assertThat(r.message().content().get(2)).isEqualTo(new ContentPart.Text("after"));
    }

    @Test
    void chatCompletionsAdapterTalksToOpenAiCompatibleServers() {
        twin("""
                steps:
                  - reply:
                      tool_calls: [{id: call_c1, name: add, arguments: {a: 2, b: 3}}]
                      stream: {chunk_chars: 2}
                  - reply: {text: "2 + 3 = 5", usage: {input_tokens: 30, output_tokens: 6}}
                """);
        Client client = Client.builder().openAiCompatible(ProviderConfig.of(twin.apiKey(), twin.baseUrl() + "/v1")).build();
        Tool add = Tool.active("add", "Adds", Json.parseOrNull(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"},\"b\":{\"type\":\"integer\"}}}"),
                (args, ctx) -> String.valueOf(args.path("a").asInt() + args.path("b").asInt()));
        GenerateResult result = Llm.generate(GenerateOptions.builder("llama-3").client(client).prompt("2+3?").tools(add).build());
        assertThat(result.steps().get(0).toolCalls().get(0).arguments()).isEqualTo(Json.parseOrNull("{\"a\":2,\"b\":3}"));
        assertThat(result.steps().get(0).toolResults().get(0).content().asText()).isEqualTo("5");
        assertThat(result.text()).isEqualTo("2 + 3 = 5");
        assertThat(result.usage().inputTokens()).isEqualTo(30);
        assertThat(twin.requests()).extracting(r -> r.path()).containsOnly("/v1/chat/completions");
        assertThat(twin.requests().get(1).json().at("/messages/2")).isEqualTo(Json.parseOrNull(
                "{\"role\":\"tool\",\"tool_call_id\":\"call_c1\",\"content\":\"5\"}"));
    }

    @Test
    void finishReasonsMapToUnifiedValuesKeepingTheRawOne() {
        twin("""
                steps:
                  - reply: {text: "cut", finish_reason: length}
                  - reply: {text: "cut", finish_reason: length}
                  - reply: {text: "cut", finish_reason: length}
                """);
        String[][] expected = {{"anthropic", "max_tokens"}, {"openai", "max_output_tokens"}, {"gemini", "MAX_TOKENS"}};
        Client client = Client.fromEnv(twin.environment());
        for (String[] e : expected) {
            Response r = client.complete(Request.builder("m").provider(e[0]).message(Message.user("x")).build());
            assertThat(r.finishReason()).as(e[0]).isEqualTo(FinishReason.of(FinishReason.Reason.LENGTH, e[1]));
        }
    }

    @Test
    void anthropicWarnsThatReasoningEffortAloneIsNotSent() {
        twin("rules:\n  - reply: {text: ok}\n");
        Client client = Client.fromEnv(twin.environment());
        Response r = client.complete(Request.builder("claude-opus-4-6").provider("anthropic").message(Message.user("x"))
                .reasoningEffort("high").build());
        assertThat(r.warnings()).extracting(Warning::code).containsExactly("unsupported_parameter");
        assertThat(twin.requests().get(0).body()).doesNotContain("effort");
    }

    @Test
    void openAiWarnsAboutStopSequencesItCannotSend() {
        twin("rules:\n  - reply: {text: ok}\n");
        Client client = Client.fromEnv(twin.environment());
        Response r = client.complete(Request.builder("gpt-5.2").provider("openai").message(Message.user("x"))
                .stopSequences(List.of("END")).build());
        assertThat(r.warnings()).containsExactly(new Warning(
                "stop sequences are not supported by the OpenAI Responses API and were not sent", "unsupported_parameter"));
        assertThat(twin.requests().get(0).json().has("stop")).isFalse();
    }
}
