package io.nightshift.llm.provider;

import io.nightshift.llm.EventStream;
import io.nightshift.llm.LlmException;
import io.nightshift.llm.StreamEvent;
import io.nightshift.llm.StreamException;
import io.nightshift.llm.http.BodySource;
import io.nightshift.llm.http.SseReader;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;

/**
 * Pulls chunks from a {@link BodySource}, parses them as SSE and translates them, one chunk at a time. After
 * the first event has been handed out, every failure becomes a final {@link StreamEvent.Error}; before it,
 * failures are thrown from {@link #hasNext()} so the adapter can throw them from {@code stream()}.
 */
final class SseEventStream implements EventStream {

    private static final Duration DRAIN_WAIT = Duration.ofMillis(100);

    private final BodySource body;
    private final StreamTranslator translator;
    private final Duration idle;
    private final SseReader reader = new SseReader();
    private final ArrayDeque<StreamEvent> pending = new ArrayDeque<>();
    private boolean delivered;
    private boolean ended;
    private boolean finished;

    SseEventStream(BodySource body, StreamTranslator translator, Duration idle) {
        this.body = body;
        this.translator = translator;
        this.idle = idle;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !ended) {
            try {
                byte[] chunk = body.next(idle);
                if (chunk == null) {
                    reader.finish(e -> translator.onEvent(e, this::emit));
                    translator.onEnd(this::emit);
                    if (!ended) {
                        throw new StreamException("the stream ended without a finish event");
                    }
                } else {
                    reader.feed(chunk, 0, chunk.length, e -> translator.onEvent(e, this::emit));
                    if (finished) {
                        drainRest();
                    }
                }
            } catch (LlmException e) {
                body.abort();
                if (!delivered && pending.isEmpty()) {
                    ended = true;
                    throw e;
                }
                pending.add(new StreamEvent.Error(e));
                ended = true;
            } catch (RuntimeException e) {
                body.abort();
                StreamException wrapped = new StreamException("could not decode the stream: " + e, e);
                if (!delivered && pending.isEmpty()) {
                    ended = true;
                    throw wrapped;
                }
                pending.add(new StreamEvent.Error(wrapped));
                ended = true;
            }
        }
        return !pending.isEmpty();
    }

    private void emit(StreamEvent event) {
        if (ended) {
            return;
        }
        pending.add(event);
        if (event instanceof StreamEvent.Finish) {
            ended = true;
            finished = true;
        } else if (event instanceof StreamEvent.Error) {
            ended = true;
            body.abort();
        }
    }

    /**
     * Reads the little that follows the finish event (the end of the chunked body) so the connection goes back
     * to the pool instead of being closed; gives up quickly on a server that keeps the response open.
     */
    private void drainRest() {
        finished = false;
        try {
            for (int i = 0; i < 8; i++) {
                if (body.next(DRAIN_WAIT) == null) {
                    return;
                }
            }
        } catch (LlmException ignored) {
            // the answer is complete; a failure while draining only costs the connection
        }
        body.abort();
    }

    @Override
    public StreamEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        delivered = true;
        return pending.poll();
    }

    @Override
    public void close() {
        ended = true;
        pending.clear();
        body.abort();
    }
}
