package io.nightshift.llm.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.llm.FinishReason;
import io.nightshift.llm.Json;
import io.nightshift.llm.StreamAccumulator;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.StreamException;
import io.nightshift.llm.Usage;
import io.nightshift.llm.http.HttpErrors;
import io.nightshift.llm.http.SseEvent;
import io.nightshift.llm.provider.Adapters;
import io.nightshift.llm.provider.StreamTranslator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Gemini's SSE chunks (whole {@code GenerateContentResponse} objects) to unified events (unified-llm-spec 7.7).
 * Gemini has no end marker: the finish event is emitted when the body ends, after at least one chunk.
 */
final class GeminiStreamTranslator implements StreamTranslator {


    private final String requestedModel;
    private final StreamAccumulator accumulator = new StreamAccumulator();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thought = new StringBuilder();
    private int segment;
    private String textId;
    private String reasoningId;
    private boolean started;
    private boolean textOpen;
    private boolean thoughtOpen;
    private boolean sawCall;
    private String responseId;
    private String model;
    private String rawFinish;
    private JsonNode usage;
    private JsonNode last;

    GeminiStreamTranslator(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    @Override
    public void onEvent(SseEvent sse, Consumer<StreamEvent> sink) {
        Consumer<StreamEvent> out = e -> {
            accumulator.process(e);
            sink.accept(e);
        };
        JsonNode chunk = Json.parseOrNull(sse.data());
        if (chunk == null) {
            throw new StreamException("gemini sent a chunk that is not JSON: " + sse.data());
        }
        if (chunk.has("error")) {
            throw HttpErrors.fromStreamError(GeminiAdapter.NAME, chunk);
        }
        last = chunk;
        if (!started) {
            started = true;
            responseId = chunk.path("responseId").asText(null);
            model = chunk.path("modelVersion").asText(requestedModel);
            out.accept(new StreamEvent.StreamStart(responseId, model, List.of()));
        }
        JsonNode candidate = chunk.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                closeText(out);
                closeThought(out, null);
                JsonNode call = part.get("functionCall");
                String id = call.hasNonNull("id") ? call.get("id").asText() : "call_" + UUID.randomUUID();
                String name = call.path("name").asText();
                String args = call.path("args").isMissingNode() ? "{}" : call.get("args").toString();
                out.accept(new StreamEvent.ToolCallStart(id, name));
                out.accept(new StreamEvent.ToolCallDelta(id, args));
                out.accept(new StreamEvent.ToolCallEnd(Adapters.toolCall(id, name, args,
                        part.path("thoughtSignature").asText(null))));
                sawCall = true;
            } else if (part.path("thought").asBoolean(false) && part.has("text")) {
                if (!thoughtOpen) {
                    thoughtOpen = true;
                    thought.setLength(0);
                    reasoningId = "reasoning_" + segment++;
                    out.accept(new StreamEvent.ReasoningStart(reasoningId));
                }
                String t = part.get("text").asText();
                thought.append(t);
                out.accept(new StreamEvent.ReasoningDelta(reasoningId, t));
            } else if (part.has("text")) {
                closeThought(out, part.path("thoughtSignature").asText(null));
                if (!textOpen) {
                    textOpen = true;
                    text.setLength(0);
                    textId = "text_" + segment++;
                    out.accept(new StreamEvent.TextStart(textId));
                }
                String t = part.get("text").asText();
                text.append(t);
                out.accept(new StreamEvent.TextDelta(textId, t));
            }
        }
        if (candidate.hasNonNull("finishReason")) {
            rawFinish = candidate.get("finishReason").asText();
        }
        if (chunk.has("usageMetadata")) {
            usage = chunk.get("usageMetadata");
        }
    }

    private void closeText(Consumer<StreamEvent> out) {
        if (textOpen) {
            textOpen = false;
            out.accept(new StreamEvent.TextEnd(textId, text.toString()));
        }
    }

    private void closeThought(Consumer<StreamEvent> out, String signature) {
        if (thoughtOpen) {
            thoughtOpen = false;
            out.accept(new StreamEvent.ReasoningEnd(reasoningId, thought.toString(), signature, false));
        }
    }

    @Override
    public void onEnd(Consumer<StreamEvent> sink) {
        if (!started) {
            throw new StreamException("the gemini stream ended without any chunk");
        }
        Consumer<StreamEvent> out = e -> {
            accumulator.process(e);
            sink.accept(e);
        };
        closeThought(out, null);
        closeText(out);
        FinishReason.Reason reason = switch (rawFinish == null ? "" : rawFinish) {
            case "STOP" -> sawCall ? FinishReason.Reason.TOOL_CALLS : FinishReason.Reason.STOP;
            case "MAX_TOKENS" -> FinishReason.Reason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII" -> FinishReason.Reason.CONTENT_FILTER;
            case "" -> sawCall ? FinishReason.Reason.TOOL_CALLS : FinishReason.Reason.OTHER;
            default -> FinishReason.Reason.OTHER;
        };
        FinishReason finish = FinishReason.of(reason, rawFinish);
        JsonNode u = usage == null ? Json.object() : usage;
        long input = u.path("promptTokenCount").asLong();
        long output = u.path("candidatesTokenCount").asLong();
        Long thoughts = u.hasNonNull("thoughtsTokenCount") ? u.get("thoughtsTokenCount").asLong() : null;
        Long cached = u.hasNonNull("cachedContentTokenCount") ? u.get("cachedContentTokenCount").asLong() : null;
        long total = u.hasNonNull("totalTokenCount") ? u.get("totalTokenCount").asLong()
                : input + output + (thoughts == null ? 0 : thoughts);
        Usage result = new Usage(input, output, total, thoughts, cached, null, usage);
        var response = accumulator.response(responseId, model, GeminiAdapter.NAME, finish, result, last, List.of(), null);
        sink.accept(new StreamEvent.Finish(finish, result, response));
    }
}
