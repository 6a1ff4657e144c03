package io.nightshift.twin.server;

import io.nightshift.twin.Provider;
import io.nightshift.twin.TwinScript;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.Upstream;
import io.nightshift.twin.dialect.WireError;
import io.nightshift.twin.script.Match;
import io.nightshift.twin.script.RawReply;
import io.nightshift.twin.script.Reply;
import io.nightshift.twin.script.Rule;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Record and replay: forwards a provider's requests to the real API with the upstream key, relays the answer
 * unchanged as it arrives, and keeps every exchange as an ordered step with a {@code raw} reply, rewriting the replay script
 * after each one.
 */
public final class UpstreamProxy implements AutoCloseable {

    private static final Set<String> FORWARDED = Set.of("content-type", "accept", "anthropic-version",
            "anthropic-beta", "openai-organization", "openai-project", "openai-beta");
    private static final Set<String> RELAYED = Set.of("content-type", "retry-after", "request-id", "x-request-id");

    private final Upstream upstream;
    private final HttpClient client;
    private final List<Rule> steps = new ArrayList<>();
    private String failure;

    public UpstreamProxy(Upstream upstream) {
        this.upstream = upstream;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    public boolean serves(Provider provider) {
        return upstream.provider() == provider;
    }

    /** The replay script recorded so far. */
    public synchronized TwinScript script() {
        return TwinScript.ofSteps(steps);
    }

    void forward(HttpServerRequest request, Provider provider, boolean stream, String body,
            Map<String, String> headers, Map<String, String> query, int seq) {
        HttpRequest.Builder out = HttpRequest.newBuilder(target(request.path(), query))
                .timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach((name, value) -> {
            if (FORWARDED.contains(name)) {
                out.header(name, value);
            }
        });
        switch (provider) {
            case ANTHROPIC -> out.header("x-api-key", upstream.apiKey());
            case OPENAI, OPENAI_CHAT -> out.header("authorization", "Bearer " + upstream.apiKey());
            case GEMINI -> out.header("x-goog-api-key", upstream.apiKey());
        }
        Context context = Vertx.currentContext();
        client.sendAsync(out.build(), HttpResponse.BodyHandlers.ofPublisher()).whenComplete((response, failure) ->
                context.runOnContext(v -> {
                    if (failure != null) {
                        TwinHandler.sendError(request, Route.resolve("POST", request.path()).orElseThrow().dialect(),
                                WireError.of(502, "twin: upstream " + upstream.baseUrl() + " failed: " + failure),
                                Map.of());
                        return;
                    }
                    Map<String, String> relayed = new LinkedHashMap<>();
                    response.headers().map().forEach((name, values) -> {
                        if (RELAYED.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                            relayed.put(name.toLowerCase(Locale.ROOT), values.getFirst());
                        }
                    });
                    HttpServerResponse answer = request.response().setStatusCode(response.statusCode())
                            .setChunked(true);
                    relayed.forEach(answer::putHeader);
                    response.body().subscribe(new UpstreamRelay(context, request, bytes -> record(provider, stream,
                            new RawReply(response.statusCode(), relayed, new String(bytes, StandardCharsets.UTF_8)),
                            seq)));
                }));
    }

    private URI target(String path, Map<String, String> query) {
        String base = upstream.baseUrl().toString().replaceAll("/+$", "");
        String kept = query.entrySet().stream().filter(e -> !e.getKey().equals("key"))
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (kept.isEmpty() ? "" : "?" + kept));
    }

    private synchronized void record(Provider provider, boolean stream, RawReply raw, int seq) {
        steps.add(new Rule("recorded request #" + seq,
                new Match(provider, null, null, null, null, null, null, stream), Reply.ofRaw(raw)));
        try {
            TwinScripts.write(script(), upstream.scriptFile());
        } catch (io.nightshift.twin.TwinException e) {
            failure = failure != null ? failure : e.getMessage();
        }
    }

    /** The first failure to write the replay script, or null. */
    public synchronized String failure() {
        return failure;
    }

    @Override
    public void close() {
        client.close();
    }
}
