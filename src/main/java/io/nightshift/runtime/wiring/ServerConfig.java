package io.nightshift.runtime.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Configuration of {@code nightshift serve} ({@code nightshift.server.*}). */
@ConfigMapping(prefix = "nightshift.server")
public interface ServerConfig {

    /** Where run directories are kept; runs found here at start-up are listed (unfinished ones as interrupted). */
    @WithDefault("runs")
    String runsDir();

    /** Where {@code POST /jobs} finds pipelines given by name. */
    @WithDefault("agent-spec/pipelines")
    String pipelinesDir();

    /**
     * Bearer tokens; when any is set every endpoint except health requires one. Required when the server binds to
     * an address other than loopback. Also read from the environment variable {@code NIGHTSHIFT_TOKENS}
     * (comma-separated). Each is {@code OWNER:ROLE:TOKEN} with role {@code read}, {@code submit} or {@code admin}
     * (a token reads and cancels only its owner's runs unless admin), or a plain {@code TOKEN}, which may do
     * everything ({@link AccessPolicy}).
     */
    Optional<List<String>> tokens();

    /**
     * Whether callers may ask for {@code "sandbox": "local"} ({@code POST /jobs}, {@code POST /pipelines}): their
     * tool commands then run on this machine as the service's user, unisolated. Off by default; even when on, it is
     * honoured only when {@link #tokens()} are configured, so that only authenticated callers can ask for it
     * (environment: {@code NIGHTSHIFT_SERVER_ALLOW_LOCAL_SANDBOX}).
     */
    @WithDefault("false")
    boolean allowLocalSandbox();

    /**
     * Runs executing at once; more wait in the durable queue and are admitted in submission order (environment:
     * {@code NIGHTSHIFT_SERVER_MAX_CONCURRENT_RUNS}).
     */
    @WithDefault("32")
    int maxConcurrentRuns();

    /** Recent events each run keeps in memory for SSE readers (older ones are re-read from events.jsonl). */
    @WithDefault("2048")
    int historyCapacity();

    /** Largest DOT source accepted, in bytes; larger submissions get 413. */
    @WithDefault("1048576")
    int maxDotBytes();

    /**
     * The Graphviz executable used for {@code GET /pipelines/{id}/graph} (API clients; the web page draws graphs in
     * the browser and needs none).
     */
    @WithDefault("dot")
    String dotCommand();

    /**
     * Whether {@code "simulate": true} is accepted in {@code POST /pipelines} and {@code POST /jobs}. Off by
     * default: the service runs pipelines with a model, and a run that needs one while none is configured is
     * refused at submission.
     */
    @WithDefault("false")
    boolean allowSimulate();

    /** Seconds between checks of the schedules ({@code nightshift.schedules.*}) for due times. */
    @WithDefault("20")
    int scheduleTickSeconds();

    /** Seconds between SSE heartbeats (comment lines) on an idle stream. */
    @WithDefault("15")
    int heartbeatSeconds();
}
