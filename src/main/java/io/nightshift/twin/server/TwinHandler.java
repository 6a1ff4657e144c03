package io.nightshift.twin.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.twin.Provider;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinScript;
import io.nightshift.twin.dialect.Answer;
import io.nightshift.twin.dialect.Call;
import io.nightshift.twin.dialect.Dialect;
import io.nightshift.twin.dialect.Ids;
import io.nightshift.twin.dialect.Json;
import io.nightshift.twin.dialect.WireError;
import io.nightshift.twin.script.ErrorSpec;
import io.nightshift.twin.script.RawReply;
import io.nightshift.twin.script.Reply;
import io.nightshift.twin.script.RequestFacts;
import io.nightshift.twin.script.Rule;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Serves one request: record, route, authenticate, validate, pick the scripted reply, answer. Runs on the
 * Vert.x event loop and never blocks it (pauses are timers, upstream calls are asynchronous).
 */
public final class TwinHandler {

    private final long defaultDelayMs;
    private final Vertx vertx;
    private final Recorder recorder;
    private final ScriptPlayer player;
    private final String apiKey;
    private final UpstreamProxy upstream;
    private final Ids ids = new Ids(20_261_124L);

    public TwinHandler(Vertx vertx, Recorder recorder, ScriptPlayer player, String apiKey, UpstreamProxy upstream) {
        this(vertx, recorder, player, apiKey, upstream, 0);
    }

    /** @param defaultDelayMs the pause before a scripted reply that sets no {@code delay_ms} */
    public TwinHandler(Vertx vertx, Recorder recorder, ScriptPlayer player, String apiKey, UpstreamProxy upstream,
            long defaultDelayMs) {
        this.defaultDelayMs = defaultDelayMs;
        this.vertx = vertx;
        this.recorder = recorder;
        this.player = player;
        this.apiKey = apiKey;
        this.upstream = upstream;
    }

    public void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            try {
                serve(request, buffer.toString(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                // A twin bug must fail the client's request loudly, never leave it hanging.
                Dialect dialect = Route.resolve(request.method().name(), request.path()).map(Route::dialect)
                        .orElse(Route.guess(request.path(), false));
                sendError(request, dialect, WireError.of(500, "twin: internal error while serving "
                        + request.method().name() + " " + request.path() + ": " + e), Map.of());
            }
        });
    }

    private void serve(HttpServerRequest request, String body) {
        int seq = recorder.nextSeq();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(p -> query.put(p.getKey(), p.getValue()));
        JsonNode json = Json.parseOrNull(body);
        Optional<Route> route = Route.resolve(request.method().name(), request.path());
        recorder.add(new RecordedRequest(seq, route.map(r -> r.dialect().provider()).orElse(null),
                request.method().name(), request.path(), query, headers, body, json));
        if (route.isEmpty()) {
            Dialect guess = Route.guess(request.path(), headers.containsKey("anthropic-version"));
            sendError(request, guess, WireError.of(404, "twin: no such route " + request.method().name() + " "
                    + request.path() + " (the twin serves POST /v1/messages, /v1/responses, /v1/chat/completions,"
                    + " /v1beta/models/{model}:generateContent and :streamGenerateContent)"), Map.of());
            return;
        }
        Dialect dialect = route.get().dialect();
        Call call = new Call(seq, headers, query, route.get().pathModel(), route.get().pathStream(),
                json != null ? json : Json.object(), body.length());
        Optional<WireError> refused = dialect.authenticate(call, apiKey);
        if (refused.isPresent()) {
            sendError(request, dialect, refused.get(), Map.of());
            return;
        }
        if (json == null || !json.isObject()) {
            sendError(request, dialect, WireError.of(400, "the request body is not a JSON object"), Map.of());
            return;
        }
        if (upstream != null && upstream.serves(dialect.provider())) {
            upstream.forward(request, dialect.provider(), dialect.streams(call), body, headers, query, seq);
            return;
        }
        refused = dialect.validate(call);
        if (refused.isPresent()) {
            sendError(request, dialect, refused.get(), Map.of());
            return;
        }
        TwinScript script = player.script();
        if (!script.models().isEmpty() && !script.models().contains(dialect.model(call))) {
            sendError(request, dialect, WireError.of(404, unknownModel(dialect.provider(), dialect.model(call))),
                    Map.of());
            return;
        }
        RequestFacts facts = dialect.facts(call);
        Optional<Rule> rule = player.select(facts);
        if (rule.isEmpty()) {
            sendError(request, dialect, WireError.of(500, player.mismatch(facts)), Map.of());
            return;
        }
        Reply reply = rule.get().reply();
        if (reply.hangs()) {
            return;
        }
        long delay = reply.delayMs() == null ? defaultDelayMs : reply.delayMs();
        Runnable answer = () -> answer(request, dialect, call, reply);
        if (delay > 0) {
            vertx.setTimer(delay, id -> answer.run());
        } else {
            answer.run();
        }
    }

    private static String unknownModel(Provider provider, String model) {
        return switch (provider) {
            case ANTHROPIC -> "model: " + model;
            case OPENAI, OPENAI_CHAT -> "The model `" + model + "` does not exist or you do not have access to it.";
            case GEMINI -> "models/" + model + " is not found for API version v1beta, or is not supported for"
                    + " generateContent.";
        };
    }

    private void answer(HttpServerRequest request, Dialect dialect, Call call, Reply reply) {
        if (request.response().closed()) {
            return;
        }
        if (reply.raw() != null) {
            sendRaw(request, reply.raw());
        } else if (reply.error() != null) {
            ErrorSpec e = reply.error();
            String message = e.message() != null ? e.message() : "twin: scripted error " + e.status();
            sendError(request, dialect, new WireError(e.status(), e.type(), message, null, e.retryAfter()),
                    reply.headers());
        } else {
            Answer answer = new Answer(dialect.model(call), reply.parts(), reply.finish(),
                    Usage.resolve(reply, call.bodyLength()), ids, call.body());
            if (dialect.streams(call)) {
                new StreamPlan(vertx, request, dialect, call, reply, answer).start();
            } else {
                HttpServerResponse response = request.response().setStatusCode(200)
                        .putHeader("content-type", "application/json");
                reply.headers().forEach(response::putHeader);
                response.end(dialect.complete(answer));
            }
        }
    }

    static void sendRaw(HttpServerRequest request, RawReply raw) {
        HttpServerResponse response = request.response().setStatusCode(raw.status());
        raw.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(raw.body().getBytes(StandardCharsets.UTF_8)));
    }

    static void sendError(HttpServerRequest request, Dialect dialect, WireError error, Map<String, String> extra) {
        HttpServerResponse response = request.response();
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("content-type", "application/json");
        if (error.retryAfter() != null) {
            double seconds = error.retryAfter();
            response.putHeader("retry-after", seconds == Math.rint(seconds)
                    ? Long.toString((long) seconds) : Double.toString(seconds));
        }
        extra.forEach(response::putHeader);
        response.end(dialect.errorBody(error));
    }
}
