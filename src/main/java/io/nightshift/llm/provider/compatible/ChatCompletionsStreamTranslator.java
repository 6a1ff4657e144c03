package io.nightshift.llm.provider.compatible;

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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Chat Completions chunks to unified events; tool-call argument fragments are keyed by index and joined. */
final class ChatCompletionsStreamTranslator implements StreamTranslator {

    private static final String TEXT_ID = "text_0";

    private final String provider;
    private final StreamAccumulator accumulator = new StreamAccumulator();
    private final StringBuilder text = new StringBuilder();
    private final TreeMap<Integer, String[]> calls = new TreeMap<>();
    private final TreeMap<Integer, StringBuilder> args = new TreeMap<>();
    private boolean started;
    private boolean textOpen;
    private boolean finished;
    private String id;
    private String model;
    private String rawFinish;
    private JsonNode usage;

    ChatCompletionsStreamTranslator(String provider) {
        this.provider = provider;
    }

    @Override
    public void onEvent(SseEvent sse, Consumer<StreamEvent> sink) {
        Consumer<StreamEvent> out = e -> {
            accumulator.process(e);
            sink.accept(e);
        };
        if ("[DONE]".equals(sse.data().trim())) {
            finish(out, sink);
            return;
        }
        JsonNode chunk = Json.parseOrNull(sse.data());
        if (chunk == null) {
            throw new StreamException(provider + " sent a chunk that is not JSON: " + sse.data());
        }
        if (chunk.has("error")) {
            throw HttpErrors.fromStreamError(provider, chunk);
        }
        if (!started) {
            started = true;
            id = chunk.path("id").asText(null);
            model = chunk.path("model").asText(null);
            out.accept(new StreamEvent.StreamStart(id, model, List.of()));
        }
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String content = delta.path("content").asText("");
        if (delta.hasNonNull("content") && !content.isEmpty()) {
            if (!textOpen) {
                textOpen = true;
                out.accept(new StreamEvent.TextStart(TEXT_ID));
            }
            text.append(content);
            out.accept(new StreamEvent.TextDelta(TEXT_ID, content));
        }
        for (JsonNode tc : delta.path("tool_calls")) {
            int index = tc.path("index").asInt(calls.size());
            String[] call = calls.get(index);
            if (call == null) {
                call = new String[] {tc.path("id").asText("call_" + index), tc.path("function").path("name").asText("")};
                calls.put(index, call);
                args.put(index, new StringBuilder());
                out.accept(new StreamEvent.ToolCallStart(call[0], call[1]));
            }
            String fragment = tc.path("function").path("arguments").asText("");
            if (!fragment.isEmpty()) {
                args.get(index).append(fragment);
                out.accept(new StreamEvent.ToolCallDelta(call[0], fragment));
            }
        }
        if (choice.hasNonNull("finish_reason")) {
            rawFinish = choice.get("finish_reason").asText();
        }
    }

    private void finish(Consumer<StreamEvent> out, Consumer<StreamEvent> sink) {
        if (finished) {
            return;
        }
        finished = true;
        if (!started) {
            out.accept(new StreamEvent.StreamStart(null, null, List.of()));
        }
        if (textOpen) {
            out.accept(new StreamEvent.TextEnd(TEXT_ID, text.toString()));
        }
        List<Integer> order = new ArrayList<>(calls.keySet());
        for (int index : order) {
            String[] call = calls.get(index);
            out.accept(new StreamEvent.ToolCallEnd(Adapters.toolCall(call[0], call[1], args.get(index).toString(), null)));
        }
        FinishReason.Reason reason = switch (rawFinish == null ? "" : rawFinish) {
            case "stop" -> FinishReason.Reason.STOP;
            case "length" -> FinishReason.Reason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.Reason.TOOL_CALLS;
            case "content_filter" -> FinishReason.Reason.CONTENT_FILTER;
            default -> calls.isEmpty() ? FinishReason.Reason.OTHER : FinishReason.Reason.TOOL_CALLS;
        };
        FinishReason finish = FinishReason.of(reason, rawFinish);
        JsonNode u = usage == null ? Json.object() : usage;
        long input = u.path("prompt_tokens").asLong();
        long output = u.path("completion_tokens").asLong();
        Long cached = u.path("prompt_tokens_details").hasNonNull("cached_tokens")
                ? u.path("prompt_tokens_details").path("cached_tokens").asLong() : null;
        Usage result = new Usage(input, output, u.has("total_tokens") ? u.path("total_tokens").asLong() : input + output,
                null, cached, null, usage);
        sink.accept(new StreamEvent.Finish(finish, result,
                accumulator.response(id, model, provider, finish, result, usage, List.of(), null)));
    }

    @Override
    public void onEnd(Consumer<StreamEvent> sink) {
        if (!finished && started) {
            // some servers close without [DONE]; the data already received is complete enough to finish
            finish(e -> {
                accumulator.process(e);
                sink.accept(e);
            }, sink);
        }
        if (!finished) {
            throw new StreamException(provider + " closed the stream without sending anything");
        }
    }
}
