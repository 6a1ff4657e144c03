package io.nightshift.llm.http;

import io.nightshift.llm.CancellationToken;
import io.nightshift.llm.NetworkException;
import io.nightshift.llm.RequestTimeoutException;
import io.nightshift.llm.ResponseTooLargeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of an HTTP response as a pull source of byte chunks, with an idle timeout between chunks, a cap on
 * total size and cancellation. It subscribes to the JDK client's body publisher and keeps at most a few chunk
 * lists buffered ahead of the consumer, so a slow consumer applies back-pressure. One consumer thread; {@link #abort} from any thread.
 */
public final class BodySource implements Flow.Subscriber<List<ByteBuffer>> {

    /** Chunk lists buffered ahead of the consumer: enough to avoid a thread hand-off per SSE event. */
    private static final int PREFETCH = 16;
    private static final Object END = new Object();
    private static final Object ABORTED = new Object();

    private final String provider;
    private final long maxBytes;
    private final CancellationToken token;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean aborted;
    private long total;
    private boolean done;
    private volatile Runnable release = () -> { };

    public BodySource(String provider, long maxBytes, CancellationToken token) {
        this.provider = provider;
        this.maxBytes = maxBytes;
        this.token = token;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (aborted) {
            s.cancel();
        } else {
            s.request(PREFETCH);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /**
     * The next chunk, or null at the end of the body. Throws {@link RequestTimeoutException} after
     * {@code idle} without data, the token's reason when cancelled, {@link ResponseTooLargeException} past the
     * cap and {@link NetworkException} when the connection breaks.
     */
    @SuppressWarnings("unchecked")
    public byte[] next(Duration idle) {
        if (done) {
            return null;
        }
        Object item;
        try {
            item = queue.poll(idle.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new io.nightshift.llm.AbortException("interrupted while reading from " + provider, e);
        }
        if (token.isCancelled()) {
            abort();
            throw token.reason();
        }
        if (item == null) {
            abort();
            throw new RequestTimeoutException(provider + " sent no data for " + idle.toSeconds()
                    + "s (stream read timeout)");
        }
        if (item == END) {
            done = true;
            release.run();
            return null;
        }
        if (item == ABORTED) {
            done = true;
            throw token.isCancelled() ? token.reason() : new NetworkException("the connection to " + provider + " was closed");
        }
        if (item instanceof Throwable t) {
            done = true;
            if (t instanceof IOException || t.getCause() instanceof IOException) {
                throw new NetworkException("connection to " + provider + " failed while reading: " + t.getMessage(), t);
            }
            throw new NetworkException("reading the response from " + provider + " failed: " + t, t);
        }
        List<ByteBuffer> buffers = (List<ByteBuffer>) item;
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        total += size;
        if (total > maxBytes) {
            abort();
            throw new ResponseTooLargeException("the response from " + provider + " exceeded the " + maxBytes
                    + "-byte limit; raise maxResponseBytes in the provider configuration if this is expected");
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(out, pos, n);
            pos += n;
        }
        Flow.Subscription s = subscription;
        if (s != null) {
            s.request(1);
        }
        return out;
    }

    /** Reads the whole remaining body (bounded by the cap) into one array. */
    public byte[] readAll(Duration idle) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] chunk = next(idle); chunk != null; chunk = next(idle)) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /** Runs {@code action} once when the body ends or is aborted (used to unregister cancellation listeners). */
    public void onRelease(Runnable action) {
        release = action;
        if (aborted) {
            action.run();
        }
    }

    /** Stops reading and releases the connection; idempotent, callable from any thread. */
    public void abort() {
        release.run();
        if (aborted) {
            return;
        }
        aborted = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.add(ABORTED);
    }
}
