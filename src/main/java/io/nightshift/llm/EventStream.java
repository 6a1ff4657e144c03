package io.nightshift.llm;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * A pull stream of {@link StreamEvent}s (unified-llm-spec 4.2). Single consumer, not thread-safe, except that
 * {@link #close()} may be called from any thread. Must be drained or closed; closing releases the connection.
 * Failures after the first event arrive as a terminal {@link StreamEvent.Error}; {@code hasNext()} never throws
 * for provider or network failures.
 */
public interface EventStream extends Iterator<StreamEvent>, AutoCloseable {

    @Override
    void close();

    /**
     * Consumes the rest of the stream and returns the final response; a terminal error event is thrown as its
     * exception, and a stream that ends without a finish event is a {@link StreamException}.
     */
    default Response drain() {
        try (this) {
            while (hasNext()) {
                StreamEvent event = next();
                if (event instanceof StreamEvent.Finish finish) {
                    return finish.response();
                }
                if (event instanceof StreamEvent.Error error) {
                    throw error.error();
                }
            }
        }
        throw new StreamException("the stream ended without a finish event");
    }

    /** This stream with {@code observer} called on each event as it passes. */
    default EventStream peek(Consumer<StreamEvent> observer) {
        EventStream source = this;
        return new EventStream() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public StreamEvent next() {
                StreamEvent event = source.next();
                observer.accept(event);
                return event;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** A stream over fixed events (for tests, caches and fakes). */
    static EventStream of(List<StreamEvent> events) {
        Iterator<StreamEvent> it = events.iterator();
        return new EventStream() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public StreamEvent next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
