package io.nightshift.twin.forge;

import io.nightshift.twin.TwinException;
import io.nightshift.twin.dialect.Json;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The forge twins: one HTTP server that answers like the parts of GitHub's REST API ({@code /api/v3}) and
 * GitLab's ({@code /api/v4}) that Nightshift uses, and serves git smart HTTP for the bare repositories under a
 * root directory ({@code <root>/<owner>/<name>.git} at {@code /<owner>/<name>.git}), so a run can clone, push its
 * branch and open a pull or merge request without a real forge (git is served by {@code git http-backend}). One token opens everything: the API's
 * {@code Authorization: Bearer} (GitHub) or {@code PRIVATE-TOKEN} (GitLab), and git's Basic password. Owns its
 * Vert.x instance; {@link #close} releases it. Thread-safe. Facts and sources: docs/forge-twins.md.
 */
public final class ForgeTwin implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final ForgeState state;
    private final ForgeRepositories repositories;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile GitHubApi github;
    private volatile GitLabApi gitlab;
    private final GitSmartHttp git;
    private final String token;
    private volatile long answerDelayMs;

    private ForgeTwin(Path root, String host, int port, String token) {
        this.host = host;
        this.token = token;
        this.state = new ForgeState();
        this.repositories = new ForgeRepositories(root);
        this.git = new GitSmartHttp(repositories, token);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4)
                .setInternalBlockingPoolSize(1));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setHandle100ContinueAutomatically(true).setDecompressionSupported(false))
                .requestHandler(this::handle);
    }

    /**
     * Starts the twin on {@code host:port} (port 0: any free port) over the bare repositories under {@code root};
     * returns once it listens.
     *
     * @throws TwinException when it cannot listen
     */
    public static ForgeTwin start(Path root, String host, int port, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the forge twin needs a token clients must present");
        }
        ForgeTwin twin = new ForgeTwin(root, host == null || host.isBlank() ? "127.0.0.1" : host, port, token);
        try {
            twin.server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            twin.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TwinException("the forge twin cannot listen on " + host + ":" + port + ": "
                    + cause.getMessage(), true, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            twin.close();
            throw new TwinException("interrupted while starting the forge twin", false, e);
        }
        twin.github = new GitHubApi(twin.state, twin.repositories, token, twin.baseUrl());
        twin.gitlab = new GitLabApi(twin.state, twin.repositories, token, twin.baseUrl());
        return twin;
    }

    /** On loopback and any free port. */
    public static ForgeTwin start(Path root, String token) {
        return start(root, "127.0.0.1", 0, token);
    }

    public String baseUrl() {
        return "http://" + host + ":" + server.actualPort();
    }

    /** What {@code GITHUB_API_URL} is set to for this twin. */
    public String githubApiUrl() {
        return baseUrl() + "/api/v3";
    }

    /** What {@code GITLAB_API_URL} is set to for this twin. */
    public String gitlabApiUrl() {
        return baseUrl() + "/api/v4";
    }

    /** The clone URL of {@code <root>/<path>.git}. */
    public String gitUrl(String path) {
        return baseUrl() + "/" + path + ".git";
    }

    public String token() {
        return token;
    }

    /** GitLab's numeric id of the project at {@code path} (handed out on first use). */
    public int gitlabProjectId(String path) {
        return repositories.projectId(path);
    }

    /**
     * Holds every API answer for {@code delay} after the twin has acted on the request (a slow forge): a pull
     * request is already open while its creator still waits for the answer, the window a crash-safe client must
     * survive. Git is served at once. Zero turns it off.
     */
    public void delayAnswers(java.time.Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the answer delay must not be negative, got " + delay);
        }
        answerDelayMs = delay.toMillis();
    }

    /** Every pull and merge request held, in the order they were opened. */
    public List<ForgePullRequest> pullRequests() {
        return state.all();
    }

    /** One line per API or git request served: method, path and status, in arrival order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Environment variables pointing Nightshift at this twin (API URLs and tokens for both forges). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_API_URL", githubApiUrl());
        env.put("GITHUB_TOKEN", token);
        env.put("GITLAB_API_URL", gitlabApiUrl());
        env.put("GITLAB_TOKEN", token);
        return env;
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> vertx.executeBlocking(() -> {
            serve(request, buffer.getBytes());
            return null;
        }, false).onFailure(e -> {
            if (!request.response().ended()) {
                request.response().setStatusCode(500).end("forge twin: " + e);
            }
        }));
    }

    private void serve(HttpServerRequest request, byte[] body) {
        String method = request.method().name();
        String path = request.path();
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(p -> query.put(p.getKey(), p.getValue()));
        String authorization = request.getHeader("Authorization");
        if (GitSmartHttp.handles(path)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : List.of("Content-Type", "Content-Encoding", "Git-Protocol")) {
                if (request.getHeader(name) != null) {
                    headers.put(name, request.getHeader(name));
                }
            }
            GitSmartHttp.Reply reply = git.serve(method, path, request.query(), authorization, headers, body);
            calls.add(method + " " + path + " " + reply.status());
            var response = request.response().setStatusCode(reply.status());
            reply.headers().forEach(response::putHeader);
            response.end(Buffer.buffer(reply.body()));
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        ForgeReply reply;
        if (path.equals("/api/graphql") && method.equals("POST")) {
            reply = github.graphql(authorization, text);
        } else if (path.startsWith("/api/v3/")) {
            reply = github.serve(method, segments(path.substring("/api/v3/".length()), false), query, authorization,
                    text);
        } else if (path.startsWith("/api/v4/")) {
            reply = gitlab.serve(method, segments(path.substring("/api/v4/".length()), true), query,
                    request.getHeader("PRIVATE-TOKEN"), authorization, text);
        } else {
            reply = new ForgeReply(404, Json.object().put("message", "Not Found"));
        }
        calls.add(method + " " + path + " " + reply.status());
        holdAnswer();
        request.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Json.write(reply.body()));
    }

    private void holdAnswer() {
        long delay = answerDelayMs;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Splits a raw path at '/' and decodes each segment, so GitLab's {@code group%2Fname} stays one segment. */
    private static List<String> segments(String raw, boolean decode) {
        List<String> out = new ArrayList<>();
        for (String s : raw.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode ? URLDecoder.decode(s, StandardCharsets.UTF_8) : s);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // best effort: the event loop is gone either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
