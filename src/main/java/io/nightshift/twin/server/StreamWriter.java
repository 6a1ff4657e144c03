package io.nightshift.twin.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a streamed answer: each piece is its own write (and HTTP chunk), with an optional pause between
 * pieces; then either ends the response or, to simulate a dropped connection, closes the TCP connection with
 * the response unfinished. Stops quietly when the client has gone.
 */
final class StreamWriter {

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final List<byte[]> pieces;
    private final long delayMs;
    private final boolean drop;

    StreamWriter(Vertx vertx, HttpServerRequest request, List<byte[]> pieces, long delayMs, boolean drop) {
        this.vertx = vertx;
        this.request = request;
        this.pieces = pieces;
        this.delayMs = delayMs;
        this.drop = drop;
    }

    /** Cuts {@code bytes} into slices of {@code size} bytes, or returns the frames unchanged when size is null. */
    static List<byte[]> slice(List<byte[]> frames, Integer size) {
        if (size == null) {
            return frames;
        }
        int total = frames.stream().mapToInt(f -> f.length).sum();
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, all, at, frame.length);
            at += frame.length;
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < total; i += size) {
            byte[] piece = new byte[Math.min(size, total - i)];
            System.arraycopy(all, i, piece, 0, piece.length);
            out.add(piece);
        }
        return out;
    }

    void start() {
        next(0);
    }

    private void next(int from) {
        HttpServerResponse response = request.response();
        int index = from;
        while (true) {
            if (response.closed() || response.ended()) {
                return;
            }
            if (index == pieces.size()) {
                finish(response, null);
                return;
            }
            Future<Void> written = response.write(Buffer.buffer(pieces.get(index)));
            index++;
            if (index == pieces.size()) {
                finish(response, written);
                return;
            }
            if (delayMs > 0) {
                int resume = index;
                vertx.setTimer(delayMs, id -> next(resume));
                return;
            }
        }
    }

    private void finish(HttpServerResponse response, Future<Void> lastWrite) {
        if (!drop) {
            response.end();
        } else if (lastWrite == null) {
            request.connection().close();
        } else {
            lastWrite.onComplete(done -> request.connection().close());
        }
    }
}
