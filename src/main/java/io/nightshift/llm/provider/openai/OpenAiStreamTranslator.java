package io.nightshift.llm.provider.openai;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Responses API stream events to unified events (unified-llm-spec 7.7, "OpenAI Streaming"). */
final class OpenAiStreamTranslator implements StreamTranslator {

    private final HttpHeaders headers;
    private final StreamAccumulator accumulator = new StreamAccumulator();
    private final Map<String, String> callIdByItem = new HashMap<>();
    private final Map<String, StringBuilder> texts = new HashMap<>();
    private final Set<String> reasoningOpen = new HashSet<>();
    private final Map<String, StringBuilder> reasoning = new HashMap<>();
    private boolean sawToolCall;
    private boolean finished;

    private final List<Warning> warnings;

    OpenAiStreamTranslator(HttpHeaders headers, List<Warning> warnings) {
        this.headers = headers;
        this.warnings = warnings;
    }

    @Override
    public void onEvent(SseEvent sse, Consumer<StreamEvent> sink) {
        Consumer<StreamEvent> out = e -> {
            accumulator.process(e);
            sink.accept(e);
        };
        if ("[DONE]".equals(sse.data())) {
            return;
        }
        JsonNode data = Json.parseOrNull(sse.data());
        if (data == null) {
            throw new StreamException("openai sent an event that is not JSON: " + sse.data());
        }
        String type = data.path("type").asText(sse.event());
        switch (type) {
            case "response.created" -> out.accept(new StreamEvent.StreamStart(
                    data.path("response").path("id").asText(null), data.path("response").path("model").asText(null), warnings));
            case "response.output_item.added" -> {
                JsonNode item = data.path("item");
                if ("function_call".equals(item.path("type").asText())) {
                    String callId = item.path("call_id").asText();
                    callIdByItem.put(item.path("id").asText(callId), callId);
                    sawToolCall = true;
                    out.accept(new StreamEvent.ToolCallStart(callId, item.path("name").asText()));
                }
            }
            case "response.output_text.delta" -> {
                String itemId = data.path("item_id").asText("text");
                StringBuilder text = texts.get(itemId);
                if (text == null) {
                    text = new StringBuilder();
                    texts.put(itemId, text);
                    out.accept(new StreamEvent.TextStart(itemId));
                }
                String delta = data.path("delta").asText("");
                text.append(delta);
                out.accept(new StreamEvent.TextDelta(itemId, delta));
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                String itemId = data.path("item_id").asText("reasoning");
                if (reasoningOpen.add(itemId)) {
                    reasoning.put(itemId, new StringBuilder());
                    out.accept(new StreamEvent.ReasoningStart(itemId));
                }
                String delta = data.path("delta").asText("");
                reasoning.get(itemId).append(delta);
                out.accept(new StreamEvent.ReasoningDelta(itemId, delta));
            }
            case "response.function_call_arguments.delta" -> {
                String callId = callIdByItem.getOrDefault(data.path("item_id").asText(), data.path("item_id").asText());
                out.accept(new StreamEvent.ToolCallDelta(callId, data.path("delta").asText("")));
            }
            case "response.output_item.done" -> {
                JsonNode item = data.path("item");
                String itemId = item.path("id").asText();
                switch (item.path("type").asText()) {
                    case "message" -> {
                        StringBuilder text = texts.remove(itemId);
                        if (text != null) {
                            out.accept(new StreamEvent.TextEnd(itemId, text.toString()));
                        }
                    }
                    case "function_call" -> {
                        String callId = item.path("call_id").asText();
                        if (!callIdByItem.containsValue(callId)) {
                            out.accept(new StreamEvent.ToolCallStart(callId, item.path("name").asText()));
                        }
                        sawToolCall = true;
                        out.accept(new StreamEvent.ToolCallEnd(Adapters.toolCall(callId, item.path("name").asText(),
                                item.path("arguments").asText(""), null)));
                    }
                    case "reasoning" -> {
                        if (reasoningOpen.remove(itemId)) {
                            out.accept(new StreamEvent.ReasoningEnd(itemId, reasoning.remove(itemId).toString(), null, false));
                        }
                    }
                    default -> out.accept(new StreamEvent.ProviderEvent(type, data));
                }
            }
            case "response.completed", "response.incomplete" -> finish(data.path("response"), out, sink);
            case "response.failed" -> throw HttpErrors.fromStreamError(OpenAiAdapter.NAME,
                    data.path("response").path("error").isMissingNode() ? data : data.path("response").path("error"));
            case "error" -> throw HttpErrors.fromStreamError(OpenAiAdapter.NAME, data);
            case "response.in_progress", "response.content_part.added", "response.content_part.done",
                 "response.output_text.done", "response.function_call_arguments.done" -> { }
            default -> out.accept(new StreamEvent.ProviderEvent(type, data));
        }
    }

    private void finish(JsonNode response, Consumer<StreamEvent> out, Consumer<StreamEvent> sink) {
        finished = true;
        texts.forEach((id, text) -> out.accept(new StreamEvent.TextEnd(id, text.toString())));
        texts.clear();
        for (String id : reasoningOpen) {
            out.accept(new StreamEvent.ReasoningEnd(id, reasoning.remove(id).toString(), null, false));
        }
        reasoningOpen.clear();
        JsonNode u = response.path("usage");
        long input = u.path("input_tokens").asLong();
        long output = u.path("output_tokens").asLong();
        Long reasoningTokens = u.path("output_tokens_details").hasNonNull("reasoning_tokens")
                ? u.path("output_tokens_details").path("reasoning_tokens").asLong() : null;
        Long cached = u.path("input_tokens_details").hasNonNull("cached_tokens")
                ? u.path("input_tokens_details").path("cached_tokens").asLong() : null;
        Usage usage = new Usage(input, output, u.has("total_tokens") ? u.path("total_tokens").asLong() : input + output,
                reasoningTokens, cached, null, u.isMissingNode() ? null : u);
        String status = response.path("status").asText("completed");
        String incomplete = response.path("incomplete_details").path("reason").asText(null);
        FinishReason reason;
        if (incomplete != null) {
            reason = FinishReason.of("max_output_tokens".equals(incomplete) ? FinishReason.Reason.LENGTH
                    : "content_filter".equals(incomplete) ? FinishReason.Reason.CONTENT_FILTER : FinishReason.Reason.OTHER,
                    incomplete);
        } else if (sawToolCall) {
            reason = FinishReason.of(FinishReason.Reason.TOOL_CALLS, status);
        } else {
            reason = FinishReason.of("completed".equals(status) ? FinishReason.Reason.STOP : FinishReason.Reason.OTHER, status);
        }
        var result = accumulator.response(response.path("id").asText(null), response.path("model").asText(null),
                OpenAiAdapter.NAME, reason, usage, response, warnings, RateLimits.fromHeaders(headers));
        sink.accept(new StreamEvent.Finish(reason, usage, result));
    }

    @Override
    public void onEnd(Consumer<StreamEvent> out) {
        if (!finished) {
            throw new StreamException("the openai stream ended before response.completed");
        }
    }
}
