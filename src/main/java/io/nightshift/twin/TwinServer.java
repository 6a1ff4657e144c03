package io.nightshift.twin;

import io.nightshift.twin.server.Recorder;
import io.nightshift.twin.server.ScriptPlayer;
import io.nightshift.twin.server.TwinHandler;
import io.nightshift.twin.server.UpstreamProxy;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The LLM twin: an HTTP server that answers like the Anthropic Messages, OpenAI Responses, OpenAI-compatible
 * Chat Completions and Gemini APIs, playing a {@link TwinScript}. It owns its own Vert.x instance; {@link #close}
 * releases everything, hanging requests included. All methods are thread-safe.
 */
public final class TwinServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final Recorder recorder;
    private final ScriptPlayer player;
    private final UpstreamProxy upstream;
    private final TwinOptions options;

    private TwinServer(Vertx vertx, HttpServer server, Recorder recorder, ScriptPlayer player,
            UpstreamProxy upstream, TwinOptions options) {
        this.vertx = vertx;
        this.server = server;
        this.recorder = recorder;
        this.player = player;
        this.upstream = upstream;
        this.options = options;
    }

    /** Starts a twin on loopback and an ephemeral port with the default key. */
    public static TwinServer start(TwinScript script) {
        return start(script, TwinOptions.defaults());
    }

    /** Starts a twin; returns once it is listening. */
    public static TwinServer start(TwinScript script, TwinOptions options) {
        Recorder recorder = new Recorder(options.recordFile());
        ScriptPlayer player = new ScriptPlayer(script);
        UpstreamProxy upstream = options.upstream() == null ? null : new UpstreamProxy(options.upstream());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        TwinHandler handler = new TwinHandler(vertx, recorder, player, options.apiKey(), upstream,
                options.delayMs());
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(options.host())
                .setPort(options.port()).setTcpNoDelay(true).setHttp2ClearTextEnabled(false)
                .setHandle100ContinueAutomatically(true)).requestHandler(handler::handle);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(vertx, upstream);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TwinException("twin cannot listen on " + options.host() + ":" + options.port() + ": "
                    + cause.getMessage(), true, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(vertx, upstream);
            throw new TwinException("interrupted while starting the twin", false, e);
        }
        return new TwinServer(vertx, server, recorder, player, upstream, options);
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://HOST:PORT}, without a trailing slash or version path. */
    public String baseUrl() {
        return "http://" + options.host() + ":" + port();
    }

    /** The key clients must present, or null when any non-blank key is accepted. */
    public String apiKey() {
        return options.apiKey();
    }

    /**
     * Environment variables pointing the usual SDK conventions at this twin: {@code ANTHROPIC_BASE_URL} and
     * {@code GEMINI_BASE_URL} are the bare origin, {@code OPENAI_BASE_URL} ends in {@code /v1}; plus the keys.
     */
    public Map<String, String> environment() {
        String key = options.apiKey() != null ? options.apiKey() : TwinOptions.DEFAULT_API_KEY;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANTHROPIC_BASE_URL", baseUrl());
        env.put("ANTHROPIC_API_KEY", key);
        env.put("OPENAI_BASE_URL", baseUrl() + "/v1");
        env.put("OPENAI_API_KEY", key);
        env.put("GEMINI_BASE_URL", baseUrl());
        env.put("GEMINI_API_KEY", key);
        return env;
    }

    /**
     * The requests received since start or the last {@link #reset}, in arrival order; the most recent
     * {@value io.nightshift.twin.server.Recorder#RETAINED} are kept (the record file keeps all).
     */
    public List<RecordedRequest> requests() {
        return recorder.requests();
    }

    /** Steps of the current script not consumed yet (0 when the conversation was played to the end). */
    public int remainingSteps() {
        return player.remainingSteps();
    }

    /** Swaps the script, rewinds it, forgets recorded requests and restarts request numbering at 1. */
    public void reset(TwinScript script) {
        player.reset(script);
        recorder.reset();
    }

    /** In record-and-replay mode, the replay script recorded so far; otherwise an empty script. */
    public TwinScript recordedScript() {
        return upstream == null ? TwinScript.empty() : upstream.script();
    }

    /** The first failure to write the record file or replay script, or null when every write succeeded. */
    public String writeFailure() {
        if (recorder.failure() != null) {
            return recorder.failure();
        }
        return upstream == null ? null : upstream.failure();
    }

    /** Stops listening and drops every open connection, hanging ones included. Idempotent. */
    @Override
    public void close() {
        closeQuietly(vertx, upstream);
    }

    private static void closeQuietly(Vertx vertx, UpstreamProxy upstream) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort; the event loop threads are gone either way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (upstream != null) {
                upstream.close();
            }
        }
    }
}
