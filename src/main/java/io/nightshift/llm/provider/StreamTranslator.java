package io.nightshift.llm.provider;

import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.http.SseEvent;
import java.util.function.Consumer;

/**
 * Turns one provider's SSE events into unified stream events (unified-llm-spec 7.7). One instance per
 * stream; not thread-safe. Throws an {@link io.nightshift.llm.LlmException} for provider error events.
 */
public interface StreamTranslator {

    void onEvent(SseEvent event, Consumer<StreamEvent> out);

    /** The body ended; emit the finish event if the protocol has no explicit end, else fail if none came. */
    void onEnd(Consumer<StreamEvent> out);
}
