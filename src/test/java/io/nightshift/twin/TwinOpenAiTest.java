package io.nightshift.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinOpenAiTest {

    private static final String SCRIPT = """
            rules:
              - match: {user_contains: "use tools"}
                reply:
                  content:
                    - {type: thinking, thinking: "plan the calls", signature: "enc-1"}
                    - {type: tool_call, id: call_A, name: list_files, arguments: {path: "."}}
                    - {type: tool_call, name: read_file, arguments: {path: "README.md"}}
                  usage: {input_tokens: 200, output_tokens: 50, cache_read_tokens: 128, reasoning_tokens: 30}
              - match: {user_contains: "long"}
                reply: {text: "cut", finish_reason: length}
              - match: {user_contains: "rate"}
                reply: {error: {status: 429, message: "slow down", retry_after: 2}}
              - match: {user_contains: "server"}
                reply: {error: {status: 500, message: "boom"}}
              - match: {user_contains: "quota"}
                reply: {error: {status: 429, type: insufficient_quota, message: "no money"}}
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
                {"model":"gpt-5.2","stream":%s,"input":[{"type":"message","role":"user",
                 "content":[{"type":"input_text","text":"%s"}]}]}""".formatted(stream, text);
    }

    @Test
    void answersWithReasoningAndFunctionCallItems() {
        JsonNode body = TwinClient.json(client.openai(ask("please use tools", false)).body());
        JsonNode output = body.get("output");
        assertThat(output).hasSize(3);
        assertThat(output.get(0).get("type").asText()).isEqualTo("reasoning");
        assertThat(output.get(0).get("id").asText()).startsWith("rs_");
        assertThat(output.get(0).get("summary")).isEqualTo(TwinClient.json("""
                [{"type":"summary_text","text":"plan the calls"}]"""));
        assertThat(output.get(0).get("encrypted_content").asText()).isEqualTo("enc-1");
        JsonNode call = output.get(1);
        assertThat(call.get("type").asText()).isEqualTo("function_call");
        assertThat(call.get("id").asText()).startsWith("fc_");
        assertThat(call.get("call_id").asText()).isEqualTo("call_A");
        assertThat(call.get("name").asText()).isEqualTo("list_files");
        assertThat(call.get("arguments").isTextual()).isTrue();
        assertThat(TwinClient.json(call.get("arguments").asText())).isEqualTo(TwinClient.json("{\"path\":\".\"}"));
        assertThat(output.get(2).get("call_id").asText()).startsWith("call_");
        assertThat(body.get("usage")).isEqualTo(TwinClient.json("""
                {"input_tokens":200,"input_tokens_details":{"cached_tokens":128},"output_tokens":50,
                 "output_tokens_details":{"reasoning_tokens":30},"total_tokens":250}"""));
        assertThat(body.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void streamsFunctionCallArgumentsAndReasoningSummary() {
        List<TwinClient.Event> events = TwinClient.sse(client.openai(ask("please use tools", true)).body());
        assertThat(events.get(0).event()).isEqualTo("response.created");
        assertThat(events.get(0).data().at("/response/status").asText()).isEqualTo("in_progress");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).data().get("sequence_number").asInt()).isEqualTo(i);
            assertThat(events.get(i).data().get("type").asText()).isEqualTo(events.get(i).event());
        }
        List<JsonNode> added = data(events, "response.output_item.added");
        assertThat(added).extracting(n -> n.at("/item/type").asText())
                .containsExactly("reasoning", "function_call", "function_call");
        assertThat(added.get(1).at("/item/arguments").asText()).isEmpty();
        String itemId = added.get(2).at("/item/id").asText();
        StringBuilder args = new StringBuilder();
        data(events, "response.function_call_arguments.delta").stream()
                .filter(d -> d.get("item_id").asText().equals(itemId))
                .forEach(d -> args.append(d.get("delta").asText()));
        assertThat(TwinClient.json(args.toString())).isEqualTo(TwinClient.json("{\"path\":\"README.md\"}"));
        StringBuilder summary = new StringBuilder();
        data(events, "response.reasoning_summary_text.delta").forEach(d -> summary.append(d.get("delta").asText()));
        assertThat(summary.toString()).isEqualTo("plan the calls");
        assertThat(data(events, "response.output_item.done")).extracting(n -> n.at("/item/status").asText())
                .containsExactly("", "completed", "completed");
        JsonNode completed = events.getLast().data();
        assertThat(events.getLast().event()).isEqualTo("response.completed");
        assertThat(completed.at("/response/usage/output_tokens_details/reasoning_tokens").asInt()).isEqualTo(30);
        assertThat(completed.at("/response/output/1/call_id").asText()).isEqualTo("call_A");
    }

    @Test
    void reportsATruncatedAnswerAsIncomplete() {
        JsonNode body = TwinClient.json(client.openai(ask("a long one", false)).body());
        assertThat(body.get("status").asText()).isEqualTo("incomplete");
        assertThat(body.at("/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
        List<TwinClient.Event> events = TwinClient.sse(client.openai(ask("a long one", true)).body());
        assertThat(events.getLast().event()).isEqualTo("response.incomplete");
    }

    @Test
    void usesOpenAiErrorShapesForAuthRateLimitQuotaAndServerErrors() {
        HttpResponse<String> missing = client.post("/v1/responses", ask("hi", false));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(TwinClient.json(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
        HttpResponse<String> wrong = client.post("/v1/responses", ask("hi", false), "authorization", "Bearer nope");
        assertThat(TwinClient.json(wrong.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");

        HttpResponse<String> limited = client.openai(ask("rate", false));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
        assertThat(TwinClient.json(limited.body())).isEqualTo(TwinClient.json("""
                {"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""));
        JsonNode quota = TwinClient.json(client.openai(ask("quota", false)).body());
        assertThat(quota.at("/error/code").asText()).isEqualTo("insufficient_quota");
        HttpResponse<String> server = client.openai(ask("server", false));
        assertThat(server.statusCode()).isEqualTo(500);
        assertThat(TwinClient.json(server.body()).at("/error/type").asText()).isEqualTo("server_error");
    }

    @Test
    void refusesAFunctionCallOutputWithoutItsCall() {
        HttpResponse<String> response = client.openai("""
                {"model":"gpt-5.2","input":[{"type":"message","role":"user","content":"hi"},
                 {"type":"function_call","call_id":"call_1","name":"x","arguments":"{}"},
                 {"type":"function_call_output","call_id":"call_2","output":"r"}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TwinClient.json(response.body()).get("error");
        assertThat(error.get("message").asText()).contains("call_2");
        assertThat(error.get("param").asText()).isEqualTo("input");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void refusesAFunctionCallWithoutOutputButTrustsPreviousResponseId() {
        String withoutOutput = """
                {"model":"gpt-5.2",%s"input":[{"type":"message","role":"user","content":"hi"},
                 {"type":"function_call","call_id":"call_1","name":"x","arguments":"{}"}]}""";
        assertThat(client.openai(withoutOutput.formatted("")).statusCode()).isEqualTo(400);
        assertThat(client.openai("""
                {"model":"gpt-5.2","previous_response_id":"resp_1","input":[
                 {"type":"function_call_output","call_id":"call_9","output":"r"}]}""").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAFunctionWhoseParametersAreNotAnObject() {
        HttpResponse<String> response = client.openai("""
                {"model":"gpt-5.2","input":"hi","tools":[{"type":"function","name":"x","parameters":{"type":"array"}}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TwinClient.json(response.body()).at("/error/param").asText()).isEqualTo("tools[0].parameters");
    }

    @Test
    void chatCompletionsAnswersToolCallsInBothModes() {
        String request = """
                {"model":"llama","stream":%s,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"please use tools"}]}""";
        JsonNode body = TwinClient.json(client.chat(request.formatted(false)).body());
        JsonNode message = body.at("/choices/0/message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.get("reasoning_content").asText()).isEqualTo("plan the calls");
        assertThat(message.at("/tool_calls/0")).isEqualTo(TwinClient.json("""
                {"id":"call_A","type":"function","function":{"name":"list_files","arguments":"{\\"path\\":\\".\\"}"}}"""));
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(200);
        assertThat(body.at("/usage/prompt_tokens_details/cached_tokens").asInt()).isEqualTo(128);

        List<TwinClient.Event> chunks = TwinClient.sse(client.chat(request.formatted(true)).body());
        assertThat(chunks.getLast().rawData()).isEqualTo("[DONE]");
        JsonNode usage = chunks.get(chunks.size() - 2).data();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(50);
        StringBuilder second = new StringBuilder();
        String finish = null;
        for (TwinClient.Event chunk : chunks.subList(0, chunks.size() - 1)) {
            for (JsonNode call : chunk.data().at("/choices/0/delta/tool_calls")) {
                if (call.get("index").asInt() == 1) {
                    second.append(call.at("/function/arguments").asText());
                }
            }
            JsonNode reason = chunk.data().at("/choices/0/finish_reason");
            if (reason.isTextual()) {
                finish = reason.asText();
            }
        }
        assertThat(TwinClient.json(second.toString())).isEqualTo(TwinClient.json("{\"path\":\"README.md\"}"));
        assertThat(finish).isEqualTo("tool_calls");
    }

    @Test
    void chatCompletionsRefusesAToolMessageThatAnswersNothing() {
        HttpResponse<String> response = client.chat("""
                {"model":"llama","messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"x","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_7","content":"r"}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TwinClient.json(response.body()).at("/error/message").asText()).contains("tool");
    }

    private static List<JsonNode> data(List<TwinClient.Event> events, String name) {
        return events.stream().filter(e -> name.equals(e.event())).map(TwinClient.Event::data).toList();
    }
}
