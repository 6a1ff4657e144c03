package io.nightshift.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GenerateTest {

    private static final JsonNode SCHEMA = Json.parseOrNull("""
            {"type":"object","properties":{"path":{"type":"string"},"lines":{"type":"integer"}},
             "required":["path"],"additionalProperties":false}""");

    private final ScriptedAdapter adapter = new ScriptedAdapter("fake");
    private final Client client = Client.builder().provider(adapter).build();
    private final AtomicInteger executions = new AtomicInteger();
    private final Tool readFile = Tool.active("read_file", "Reads a file", SCHEMA, (args, ctx) -> {
        executions.incrementAndGet();
        if (args.path("path").asText().equals("/missing")) {
            throw new IllegalStateException("no such file: /missing");
        }
        return "contents of " + args.path("path").asText();
    });

    private GenerateOptions.Builder options() {
        return GenerateOptions.builder("m").client(client)
                .retryPolicy(RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(1), Duration.ofMillis(5)));
    }

    private static ToolCall call(String id, String name, String args) {
        return new ToolCall(id, name, Json.parseOrNull(args), args, null);
    }

    @Test
    void rejectsBothPromptAndMessages() {
        assertThatThrownBy(() -> Llm.generate(options().prompt("a").messages(List.of(Message.user("b"))).build()))
                .isInstanceOf(ConfigurationException.class).hasMessage("give either a prompt or a messages list, not both");
        assertThatThrownBy(() -> Llm.generate(options().build())).hasMessage("generate needs a prompt or a messages list");
    }

    @Test
    void promptAndSystemBecomeMessagesAndAFullListIsSentAsIs() {
        adapter.text("a").text("b");
        Llm.generate(options().system("be brief").prompt("hi").build());
        assertThat(adapter.requests.get(0).messages()).containsExactly(Message.system("be brief"), Message.user("hi"));
        List<Message> history = List.of(Message.user("q"), Message.assistant("a"), Message.user("q2"));
        Llm.generate(options().messages(history).build());
        assertThat(adapter.requests.get(1).messages()).isEqualTo(history);
    }

    @Test
    void maxToolRoundsZeroReturnsTheCallsWithoutExecuting() {
        adapter.calls(call("c1", "read_file", "{\"path\":\"/a\"}"));
        GenerateResult result = Llm.generate(options().prompt("read").tools(readFile).maxToolRounds(0).build());
        assertThat(result.toolCalls()).extracting(ToolCall::id).containsExactly("c1");
        assertThat(result.toolResults()).isEmpty();
        assertThat(executions).hasValue(0);
        assertThat(adapter.requests).hasSize(1);
    }

    @Test
    void stopsAfterMaxToolRoundsEvenIfTheModelKeepsCalling() {
        adapter.calls(call("c1", "read_file", "{\"path\":\"/a\"}")).calls(call("c2", "read_file", "{\"path\":\"/b\"}"))
                .calls(call("c3", "read_file", "{\"path\":\"/c\"}"));
        GenerateResult result = Llm.generate(options().prompt("read").tools(readFile).maxToolRounds(2).build());
        assertThat(adapter.requests).hasSize(3);
        assertThat(executions).hasValue(2);
        assertThat(result.steps()).hasSize(3);
        assertThat(result.toolCalls()).extracting(ToolCall::id).containsExactly("c3");
        assertThat(result.totalUsage().totalTokens()).isEqualTo(36);
    }

    @Test
    void passiveToolsReturnCallsToTheCaller() {
        adapter.calls(call("c1", "approve", "{}"));
        Tool approve = Tool.passive("approve", "Asks a human", null);
        GenerateResult result = Llm.generate(options().prompt("go").tools(approve, readFile).maxToolRounds(5).build());
        assertThat(result.toolCalls()).extracting(ToolCall::name).containsExactly("approve");
        assertThat(adapter.requests).hasSize(1);
    }

    @Test
    void failuresUnknownToolsAndBadArgumentsBecomeErrorResultsForTheModel() {
        adapter.calls(call("c1", "read_file", "{\"path\":\"/missing\"}"), call("c2", "delete_everything", "{}"),
                        call("c3", "read_file", "{\"lines\":\"ten\"}"), new ToolCall("c4", "read_file", null, "{not json", null),
                        call("c5", "read_file", "{\"path\":\"/ok\"}"))
                .text("recovered");
        GenerateResult result = Llm.generate(options().prompt("go").tools(readFile).maxToolRounds(1).build());
        assertThat(result.text()).isEqualTo("recovered");
        List<ToolResult> results = result.steps().get(0).toolResults();
        assertThat(results).extracting(ToolResult::toolCallId).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(results).extracting(ToolResult::isError).containsExactly(true, true, true, true, false);
        assertThat(results.get(0).content().asText()).isEqualTo("Tool read_file failed: no such file: /missing");
        assertThat(results.get(1).content().asText()).isEqualTo("Unknown tool: delete_everything. Available tools: read_file");
        assertThat(results.get(2).content().asText()).isEqualTo("Invalid arguments for tool read_file: "
                + "$: missing required property 'path'; $.lines: expected integer but got string");
        assertThat(results.get(3).content().asText()).startsWith("Invalid arguments for tool read_file: the arguments are not a JSON object");
        assertThat(executions).hasValue(2);
        List<Message> continuation = adapter.requests.get(1).messages();
        assertThat(continuation).hasSize(7); // user, assistant with 5 calls, 5 tool results in one request
    }

    @Test
    void aRepairHookCanFixInvalidArguments() {
        adapter.calls(call("c1", "read_file", "{\"file\":\"/a\"}")).text("done");
        ToolRepair repair = (bad, problems) -> call(bad.id(), bad.name(), "{\"path\":\"" + bad.arguments().path("file").asText() + "\"}");
        GenerateResult result = Llm.generate(options().prompt("go").tools(readFile).repair(repair).build());
        assertThat(result.steps().get(0).toolResults().get(0).content().asText()).isEqualTo("contents of /a");
    }

    @Test
    void stopWhenEndsTheLoopEarly() {
        adapter.calls(call("c1", "read_file", "{\"path\":\"/a\"}")).calls(call("c2", "read_file", "{\"path\":\"/b\"}"));
        GenerateResult result = Llm.generate(options().prompt("go").tools(readFile).maxToolRounds(10)
                .stopWhen(steps -> steps.size() == 1).build());
        assertThat(result.steps()).hasSize(1);
        assertThat(adapter.requests).hasSize(1);
    }

    @Test
    void retriesApplyToEachStepNotTheWholeLoop() {
        adapter.calls(call("c1", "read_file", "{\"path\":\"/a\"}"))
                .fail(new ServerException("busy", "fake", 503, null, null, null)).text("final");
        GenerateResult result = Llm.generate(options().prompt("go").tools(readFile).build());
        assertThat(result.text()).isEqualTo("final");
        assertThat(executions).hasValue(1); // step 1 was not re-run by the retry of step 2
        assertThat(adapter.requests).hasSize(3);
    }

    @Test
    void maxRetriesZeroDisablesRetries() {
        adapter.fail(new ServerException("busy", "fake", 503, null, null, null)).text("never");
        assertThatThrownBy(() -> Llm.generate(options().maxRetries(0).prompt("go").build())).isInstanceOf(ServerException.class);
        assertThat(adapter.requests).hasSize(1);
    }

    @Test
    void backoffGrowsExponentiallyWithinJitterBoundsAndIsCapped() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertThat(policy.backoff(0, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(2, 0.999)).isLessThan(Duration.ofSeconds(6));
        assertThat(policy.withJitter(false).backoff(10, 0.9)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void generateObjectParsesAndValidates() {
        adapter.text("```json\n{\"path\": \"/a\", \"lines\": 3}\n```");
        GenerateResult result = Llm.generateObject(options().prompt("x").build(), SCHEMA);
        assertThat(result.output()).isEqualTo(Json.parseOrNull("{\"path\":\"/a\",\"lines\":3}"));
        assertThat(adapter.requests.get(0).responseFormat()).isEqualTo(ResponseFormat.jsonSchema(SCHEMA, true));
    }

    @Test
    void generateObjectRaisesNoObjectGeneratedAndDoesNotRetry() {
        adapter.text("I cannot do that").text("{\"lines\": 2}");
        assertThatThrownBy(() -> Llm.generateObject(options().prompt("x").build(), SCHEMA))
                .isInstanceOf(NoObjectGeneratedException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Llm.generateObject(options().prompt("x").build(), SCHEMA))
                .isInstanceOf(NoObjectGeneratedException.class).hasMessageContaining("missing required property 'path'");
        assertThat(adapter.requests).hasSize(2);
    }

    @Test
    void streamObjectYieldsGrowingPartialObjects() {
        adapter.reply(r -> {
            List<StreamEvent> events = new ArrayList<>();
            events.add(new StreamEvent.StreamStart("s", "m", List.of()));
            events.add(new StreamEvent.TextStart("t"));
            String json = "{\"path\": \"/abc\", \"lines\": 42}";
            for (int i = 0; i < json.length(); i += 4) {
                events.add(new StreamEvent.TextDelta("t", json.substring(i, Math.min(json.length(), i + 4))));
            }
            events.add(new StreamEvent.TextEnd("t", json));
            Response response = new Response("s", "m", "fake", Message.assistant(json),
                    FinishReason.of(FinishReason.Reason.STOP, "stop"), Usage.of(1, 1), null, List.of(), null);
            events.add(new StreamEvent.Finish(response.finishReason(), response.usage(), response));
            return EventStream.of(events);
        });
        ObjectStreamResult stream = Llm.streamObject(options().prompt("x").build(), SCHEMA);
        List<JsonNode> partials = new ArrayList<>();
        stream.forEach(partials::add);
        assertThat(partials).first().isEqualTo(Json.object());
        assertThat(partials).contains(Json.parseOrNull("{\"path\":\"/abc\"}"));
        assertThat(partials.get(partials.size() - 1)).isEqualTo(Json.parseOrNull("{\"path\":\"/abc\",\"lines\":42}"));
        assertThat(stream.object()).isEqualTo(Json.parseOrNull("{\"path\":\"/abc\",\"lines\":42}"));
    }

    @Test
    void toolsRunConcurrentlyAndResultsKeepCallOrder() {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
        Tool slow = Tool.active("slow", "waits", null, (args, ctx) -> {
            started.countDown();
            if (!started.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("tools ran one at a time");
            }
            Thread.sleep(30L * (3 - args.path("n").asInt()));
            return "n" + args.path("n").asInt() + " for " + ctx.toolCallId();
        });
        adapter.calls(call("a", "slow", "{\"n\":0}"), call("b", "slow", "{\"n\":1}"), call("c", "slow", "{\"n\":2}")).text("ok");
        GenerateResult result = Llm.generate(options().prompt("go").tools(slow).build());
        assertThat(result.steps().get(0).toolResults()).extracting(r -> r.content().asText())
                .containsExactly("n0 for a", "n1 for b", "n2 for c");
    }
}
