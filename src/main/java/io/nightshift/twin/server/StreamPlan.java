package io.nightshift.twin.server;

import io.nightshift.twin.Provider;
import io.nightshift.twin.dialect.AnthropicDialect;
import io.nightshift.twin.dialect.Answer;
import io.nightshift.twin.dialect.Call;
import io.nightshift.twin.dialect.Dialect;
import io.nightshift.twin.dialect.SseEvent;
import io.nightshift.twin.dialect.WireError;
import io.nightshift.twin.script.ErrorSpec;
import io.nightshift.twin.script.Reply;
import io.nightshift.twin.script.StreamSpec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a streamed answer into bytes on the wire following the reply's {@link StreamSpec}: SSE framing (LF or
 * CRLF), Anthropic's ping, a mid-stream error event, a dropped connection, byte-level slicing and pauses.
 * Gemini without {@code alt=sse} streams a JSON array instead of SSE.
 */
final class StreamPlan {

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final Dialect dialect;
    private final Call call;
    private final Reply reply;
    private final Answer answer;

    StreamPlan(Vertx vertx, HttpServerRequest request, Dialect dialect, Call call, Reply reply, Answer answer) {
        this.vertx = vertx;
        this.request = request;
        this.dialect = dialect;
        this.call = call;
        this.reply = reply;
        this.answer = answer;
    }

    void start() {
        StreamSpec spec = reply.stream();
        List<SseEvent> events = new ArrayList<>(dialect.stream(answer, spec.chunkCharsOrDefault()));
        if (dialect.provider() == Provider.ANTHROPIC && !Boolean.FALSE.equals(spec.ping())) {
            events.add(1, AnthropicDialect.ping());
        }
        boolean drop = false;
        // Both cuts keep at most all but the terminal event, so a scripted failure always happens.
        if (spec.errorAfterEvents() != null) {
            events = new ArrayList<>(events.subList(0, Math.min(spec.errorAfterEvents(), events.size() - 1)));
            ErrorSpec e = spec.error();
            WireError error = e == null ? WireError.of(dialect.provider() == Provider.ANTHROPIC ? 529 : 500,
                    "twin: scripted mid-stream error")
                    : new WireError(e.status(), e.type(), e.message() != null ? e.message()
                            : "twin: scripted mid-stream error", null, null);
            events.addAll(dialect.streamError(error));
        }
        if (spec.dropAfterEvents() != null) {
            events = new ArrayList<>(events.subList(0, Math.min(spec.dropAfterEvents(), events.size() - 1)));
            drop = true;
        }
        boolean sse = dialect.provider() != Provider.GEMINI || "sse".equals(call.query().get("alt"));
        boolean crlf = spec.crlf() != null ? spec.crlf() : dialect.provider() == Provider.GEMINI;
        List<byte[]> frames = sse ? sseFrames(events, crlf ? "\r\n" : "\n") : jsonArrayFrames(events, drop);
        HttpServerResponse response = request.response().setStatusCode(200).setChunked(true)
                .putHeader("content-type", sse ? "text/event-stream; charset=utf-8" : "application/json; charset=UTF-8")
                .putHeader("cache-control", "no-cache");
        reply.headers().forEach(response::putHeader);
        long delay = spec.eventDelayMs() == null ? 0 : spec.eventDelayMs();
        new StreamWriter(vertx, request, StreamWriter.slice(frames, spec.splitBytes()), delay, drop).start();
    }

    private static List<byte[]> sseFrames(List<SseEvent> events, String eol) {
        List<byte[]> frames = new ArrayList<>();
        for (SseEvent event : events) {
            StringBuilder frame = new StringBuilder();
            if (event.event() != null) {
                frame.append("event: ").append(event.event()).append(eol);
            }
            frame.append("data: ").append(event.data()).append(eol).append(eol);
            frames.add(frame.toString().getBytes(StandardCharsets.UTF_8));
        }
        return frames;
    }

    /** Gemini's non-SSE stream: one JSON array whose elements arrive one by one. */
    private static List<byte[]> jsonArrayFrames(List<SseEvent> events, boolean dropped) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String prefix = i == 0 ? "[" : ",\r\n";
            frames.add((prefix + events.get(i).data()).getBytes(StandardCharsets.UTF_8));
        }
        if (!dropped) {
            frames.add((events.isEmpty() ? "[]" : "]").getBytes(StandardCharsets.UTF_8));
        }
        return frames;
    }
}
