package io.nightshift.llm.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.FinishReason;
import io.nightshift.llm.Json;
import io.nightshift.llm.StreamAccumulator;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.StreamException;
import io.nightshift.llm.Usage;
import io.nightshift.llm.Warning;
import io.nightshift.llm.http.HttpErrors;
import io.nightshift.llm.http.RateLimits;
import io.nightshift.llm.http.SseEvent;
import io.nightshift.llm.provider.Adapters;
import io.nightshift.llm.provider.StreamTranslator;
import java.net.http.HttpHeaders;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Anthropic's message / content-block SSE events to unified events (unified-llm-spec 7.7). */
final class AnthropicStreamTranslator implements StreamTranslator {

    private final HttpHeaders headers;
    private final StreamAccumulator accumulator = new StreamAccumulator();
    private final Map<Integer, Block> blocks = new HashMap<>();
    private String id;
    private String model;
    private long inputTokens;
    private long outputTokens;
    private Long cacheRead;
    private Long cacheWrite;
    private long thinkingChars;
    private String stopReason;
    private JsonNode usageRaw;
    private boolean finished;

    private static final class Block {
        final String type;
        final String id;
        final String name;
        final StringBuilder text = new StringBuilder();
        String signature;

        Block(String type, String id, String name) {
            this.type = type;
            this.id = id;
            this.name = name;
        }
    }

    private final List<Warning> warnings;

    AnthropicStreamTranslator(HttpHeaders headers, List<Warning> warnings) {
        this.headers = headers;
        this.warnings = warnings;
    }

    @Override
    public void onEvent(SseEvent sse, Consumer<StreamEvent> sink) {
        Consumer<StreamEvent> out = e -> {
            accumulator.process(e);
            sink.accept(e);
        };
        JsonNode data = Json.parseOrNull(sse.data());
        if (data == null) {
            throw new StreamException("anthropic sent an event that is not JSON: " + abbreviate(sse.data()));
        }
        String type = data.path("type").asText(sse.event());
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                id = message.path("id").asText(null);
                model = message.path("model").asText(null);
                readUsage(message.path("usage"));
                out.accept(new StreamEvent.StreamStart(id, model, warnings));
            }
            case "content_block_start" -> {
                int index = data.path("index").asInt();
                JsonNode cb = data.path("content_block");
                String blockType = cb.path("type").asText();
                switch (blockType) {
                    case "text" -> {
                        Block b = new Block("text", "text_" + index, null);
                        blocks.put(index, b);
                        out.accept(new StreamEvent.TextStart(b.id));
                        String initial = cb.path("text").asText("");
                        if (!initial.isEmpty()) {
                            b.text.append(initial);
                            out.accept(new StreamEvent.TextDelta(b.id, initial));
                        }
                    }
                    case "tool_use" -> {
                        Block b = new Block("tool_use", cb.path("id").asText(), cb.path("name").asText());
                        blocks.put(index, b);
                        out.accept(new StreamEvent.ToolCallStart(b.id, b.name));
                    }
                    case "thinking" -> {
                        Block b = new Block("thinking", "reasoning_" + index, null);
                        blocks.put(index, b);
                        out.accept(new StreamEvent.ReasoningStart(b.id));
                    }
                    case "redacted_thinking" -> {
                        Block b = new Block("redacted_thinking", "reasoning_" + index, null);
                        b.text.append(cb.path("data").asText(""));
                        blocks.put(index, b);
                        out.accept(new StreamEvent.ReasoningStart(b.id));
                    }
                    default -> out.accept(new StreamEvent.ProviderEvent(type, data));
                }
            }
            case "content_block_delta" -> {
                Block b = blocks.get(data.path("index").asInt());
                JsonNode delta = data.path("delta");
                if (b == null) {
                    throw new StreamException("anthropic sent a delta for unknown content block " + data.path("index"));
                }
                switch (delta.path("type").asText()) {
                    case "text_delta" -> {
                        String t = delta.path("text").asText("");
                        b.text.append(t);
                        out.accept(new StreamEvent.TextDelta(b.id, t));
                    }
                    case "input_json_delta" -> {
                        String t = delta.path("partial_json").asText("");
                        b.text.append(t);
                        out.accept(new StreamEvent.ToolCallDelta(b.id, t));
                    }
                    case "thinking_delta" -> {
                        String t = delta.path("thinking").asText("");
                        b.text.append(t);
                        thinkingChars += t.length();
                        out.accept(new StreamEvent.ReasoningDelta(b.id, t));
                    }
                    case "signature_delta" -> b.signature = delta.path("signature").asText(null);
                    default -> out.accept(new StreamEvent.ProviderEvent(type, data));
                }
            }
            case "content_block_stop" -> {
                Block b = blocks.remove(data.path("index").asInt());
                if (b == null) {
                    return;
                }
                switch (b.type) {
                    case "text" -> out.accept(new StreamEvent.TextEnd(b.id, b.text.toString()));
                    case "tool_use" -> out.accept(new StreamEvent.ToolCallEnd(
                            Adapters.toolCall(b.id, b.name, b.text.toString(), null)));
                    case "thinking" -> out.accept(new StreamEvent.ReasoningEnd(b.id, b.text.toString(), b.signature, false));
                    default -> out.accept(new StreamEvent.ReasoningEnd(b.id, b.text.toString(), null, true));
                }
            }
            case "message_delta" -> {
                if (data.path("delta").hasNonNull("stop_reason")) {
                    stopReason = data.path("delta").path("stop_reason").asText();
                }
                readUsage(data.path("usage"));
            }
            case "message_stop" -> {
                finished = true;
                FinishReason reason = finishReason(stopReason);
                Long reasoning = thinkingChars > 0 ? (thinkingChars + 3) / 4 : null;
                Usage usage = new Usage(inputTokens, outputTokens, inputTokens + outputTokens, reasoning,
                        cacheRead, cacheWrite, usageRaw);
                var response = accumulator.response(id, model, AnthropicAdapter.NAME, reason, usage, data, warnings,
                        RateLimits.fromHeaders(headers));
                sink.accept(new StreamEvent.Finish(reason, usage, response));
            }
            case "ping" -> { }
            case "error" -> throw HttpErrors.fromStreamError(AnthropicAdapter.NAME, data);
            default -> out.accept(new StreamEvent.ProviderEvent(type, data));
        }
    }

    private void readUsage(JsonNode usage) {
        if (usage.isMissingNode() || usage.isNull()) {
            return;
        }
        usageRaw = usage;
        if (usage.has("input_tokens")) {
            inputTokens = usage.path("input_tokens").asLong();
        }
        if (usage.has("output_tokens")) {
            outputTokens = usage.path("output_tokens").asLong();
        }
        if (usage.hasNonNull("cache_read_input_tokens")) {
            cacheRead = usage.path("cache_read_input_tokens").asLong();
        }
        if (usage.hasNonNull("cache_creation_input_tokens")) {
            cacheWrite = usage.path("cache_creation_input_tokens").asLong();
        }
    }

    static FinishReason finishReason(String raw) {
        FinishReason.Reason reason = switch (raw == null ? "" : raw) {
            case "end_turn", "stop_sequence" -> FinishReason.Reason.STOP;
            case "max_tokens" -> FinishReason.Reason.LENGTH;
            case "tool_use" -> FinishReason.Reason.TOOL_CALLS;
            case "refusal" -> FinishReason.Reason.CONTENT_FILTER;
            default -> FinishReason.Reason.OTHER;
        };
        return FinishReason.of(reason, raw);
    }

    @Override
    public void onEnd(Consumer<StreamEvent> out) {
        if (!finished) {
            throw new StreamException("the anthropic stream ended before message_stop");
        }
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
