package io.nightshift.twin.server;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Passes an upstream body to the client as it arrives (so streams stay streams) while keeping a copy; when
 * the body ends, or breaks, the copy goes to {@code onDone}. A broken upstream drops the client connection.
 */
final class UpstreamRelay implements Flow.Subscriber<List<ByteBuffer>> {

    private final Context context;
    private final HttpServerRequest request;
    private final Consumer<byte[]> onDone;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    UpstreamRelay(Context context, HttpServerRequest request, Consumer<byte[]> onDone) {
        this.context = context;
        this.request = request;
        this.onDone = onDone;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        ByteArrayOutputStream piece = new ByteArrayOutputStream();
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            piece.writeBytes(bytes);
        }
        byte[] bytes = piece.toByteArray();
        synchronized (copy) {
            copy.writeBytes(bytes);
        }
        context.runOnContext(v -> {
            HttpServerResponse response = request.response();
            if (!response.closed() && !response.ended()) {
                response.write(Buffer.buffer(bytes));
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        context.runOnContext(v -> {
            finish();
            request.connection().close();
        });
    }

    @Override
    public void onComplete() {
        context.runOnContext(v -> {
            finish();
            HttpServerResponse response = request.response();
            if (!response.closed() && !response.ended()) {
                response.end();
            }
        });
    }

    private void finish() {
        synchronized (copy) {
            onDone.accept(copy.toByteArray());
        }
    }
}
