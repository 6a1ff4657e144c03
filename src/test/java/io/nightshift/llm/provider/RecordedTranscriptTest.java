package io.nightshift.llm.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.llm.Client;
import io.nightshift.llm.ContentPart;
import io.nightshift.llm.EventStream;
import io.nightshift.llm.FinishReason;
import io.nightshift.llm.Json;
import io.nightshift.llm.Message;
import io.nightshift.llm.Request;
import io.nightshift.llm.Response;
import io.nightshift.llm.StreamAccumulator;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.ToolCall;
import io.nightshift.llm.Usage;
import io.nightshift.twin.TwinScript;
import io.nightshift.twin.TwinServer;
import io.nightshift.twin.script.RawReply;
import io.nightshift.twin.script.Reply;
import io.nightshift.twin.script.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider-shaped SSE transcripts (src/test/resources/llm/transcripts) replayed byte for byte over HTTP and decoded
 * by the adapters: the unified event sequence and the accumulated response.
 */
class RecordedTranscriptTest {

    private TwinServer twin;

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    private List<StreamEvent> replay(String transcript, String provider) throws IOException {
        String body = Files.readString(Path.of("src/test/resources/llm/transcripts", transcript));
        twin = TwinServer.start(new TwinScript(List.of(), List.of(), List.of(new Rule(null, null,
                Reply.ofRaw(new RawReply(200, Map.of("content-type", "text/event-stream"), body))))));
        Client client = Client.fromEnv(twin.environment());
        List<StreamEvent> events = new ArrayList<>();
        try (EventStream stream = client.stream(Request.builder("m").provider(provider).message(Message.user("q")).build())) {
            stream.forEachRemaining(events::add);
        }
        return events;
    }

    private static List<String> kinds(List<StreamEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private static Response finish(List<StreamEvent> events) {
        return ((StreamEvent.Finish) events.get(events.size() - 1)).response();
    }

    @Test
    void decodesAnAnthropicThinkingAndToolUseStream() throws IOException {
        List<StreamEvent> events = replay("anthropic-thinking-tool.sse", "anthropic");
        assertThat(kinds(events)).containsExactly("StreamStart", "ReasoningStart", "ReasoningDelta", "ReasoningDelta",
                "ReasoningEnd", "TextStart", "TextDelta", "TextDelta", "TextEnd", "ToolCallStart", "ToolCallDelta",
                "ToolCallDelta", "ToolCallDelta", "ToolCallEnd", "Finish");
        Response response = finish(events);
        ToolCall call = response.toolCalls().get(0);
        assertThat(call.id()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(call.arguments()).isEqualTo(Json.parseOrNull("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}"));
        assertThat(response.message().content().get(0)).isEqualTo(new ContentPart.Thinking(
                "I need the weather, so I call the tool.", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));
        assertThat(response.text()).isEqualTo("Let me check the weather.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.of(FinishReason.Reason.TOOL_CALLS, "tool_use"));
        assertThat(response.usage()).isEqualTo(new Usage(2108, 89, 2197, 10L, 1800L, 0L, response.usage().raw()));
        assertThat(response.id()).isEqualTo("msg_01XFDUDYJgAACzvnptvVoYEL");
        assertAccumulatorAgrees(events);
    }

    @Test
    void decodesAnOpenAiResponsesStreamWithReasoningTokens() throws IOException {
        List<StreamEvent> events = replay("openai-reasoning-tool.sse", "openai");
        assertThat(kinds(events)).containsExactly("StreamStart", "TextStart", "TextDelta", "TextDelta", "TextEnd",
                "ToolCallStart", "ToolCallDelta", "ToolCallDelta", "ToolCallEnd", "Finish");
        Response response = finish(events);
        assertThat(response.text()).isEqualTo("Checking both cities.");
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_Abc123", "get_weather",
                Json.parseOrNull("{\"location\":\"Paris\"}"), "{\"location\":\"Paris\"}", null));
        assertThat(response.finishReason().reason()).isEqualTo(FinishReason.Reason.TOOL_CALLS);
        assertThat(response.usage()).extracting(Usage::inputTokens, Usage::outputTokens, Usage::totalTokens,
                Usage::reasoningTokens, Usage::cacheReadTokens, Usage::cacheWriteTokens)
                .containsExactly(1500L, 230L, 1730L, 192L, 1280L, null);
        assertThat(response.model()).isEqualTo("gpt-5.2-2025-12-11");
        assertAccumulatorAgrees(events);
    }

    @Test
    void decodesAGeminiStreamWithThoughtsAndAFunctionCall() throws IOException {
        List<StreamEvent> events = replay("gemini-thought-call.sse", "gemini");
        assertThat(kinds(events)).containsExactly("StreamStart", "ReasoningStart", "ReasoningDelta", "ReasoningEnd",
                "TextStart", "TextDelta", "TextDelta", "TextEnd", "ToolCallStart", "ToolCallDelta", "ToolCallEnd", "Finish");
        Response response = finish(events);
        assertThat(response.text()).isEqualTo("The capital of France is Paris.");
        assertThat(response.reasoning()).isEqualTo("Weighing the options");
        ToolCall call = response.toolCalls().get(0);
        assertThat(call.id()).startsWith("call_");
        assertThat(call.signature()).isEqualTo("CiQB0e2Kb1");
        assertThat(response.finishReason()).isEqualTo(FinishReason.of(FinishReason.Reason.TOOL_CALLS, "STOP"));
        assertThat(response.usage()).extracting(Usage::inputTokens, Usage::outputTokens, Usage::totalTokens,
                Usage::reasoningTokens, Usage::cacheReadTokens).containsExactly(410L, 12L, 460L, 38L, 256L);
        assertAccumulatorAgrees(events);
    }

    /** StreamAccumulator over the events gives the same message as the finish event (unified-llm-spec 4.4). */
    private static void assertAccumulatorAgrees(List<StreamEvent> events) {
        StreamAccumulator accumulator = new StreamAccumulator();
        events.forEach(accumulator::process);
        assertThat(accumulator.message()).isEqualTo(finish(events).message());
    }
}
