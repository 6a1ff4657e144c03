package io.nightshift.twin.cassette;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A recording proxy: forwards every request to the upstream origin as it came (credentials included, so the real
 * service accepts it), answers with the upstream's response, and keeps each exchange, minus the volatile and secret
 * headers of {@link HttpExchanges#VOLATILE}, for {@link #save}. An upstream that cannot be reached is a 502 and is
 * not recorded.
 */
public final class CassetteRecorder implements AutoCloseable {

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "keep-alive", "transfer-encoding", "te", "trailer", "http2-settings", "accept-encoding");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI upstream;
    private final HttpClient client;
    private final List<Cassette.Exchange> exchanges = new ArrayList<>();

    private CassetteRecorder(HttpServer server, ExecutorService executor, URI upstream) {
        this.server = server;
        this.executor = executor;
        this.upstream = upstream;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @param upstream the origin to record, e.g. {@code https://api.example.com} (a path prefix is kept) */
    public static CassetteRecorder start(URI upstream, String host, int port) {
        if (upstream.getScheme() == null || !upstream.getScheme().matches("https?") || upstream.getHost() == null) {
            throw new CassetteException("the upstream must be an http or https URL such as https://api.example.com, "
                    + "was '" + upstream + "'");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new CassetteException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        CassetteRecorder recorder = new CassetteRecorder(server, executor, upstream);
        server.createContext("/", recorder::handle);
        server.setExecutor(executor);
        server.start();
        return recorder;
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Cassette.Request request;
        HttpResponse<byte[]> answer;
        try {
            request = HttpExchanges.request(exchange);
            answer = client.send(forward(exchange, request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            HttpExchanges.respond(exchange, new Cassette.Response(502, Map.of("content-type", "text/plain"),
                    ("the recording proxy could not reach " + upstream + ": " + e.getMessage() + "\n")
                            .getBytes(StandardCharsets.UTF_8)));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        Cassette.Response response = new Cassette.Response(answer.statusCode(),
                HttpExchanges.filtered(answer.headers().map()), answer.body());
        synchronized (exchanges) {
            exchanges.add(new Cassette.Exchange(request, response));
        }
        HttpExchanges.respond(exchange, response);
    }

    private HttpRequest forward(HttpExchange exchange, Cassette.Request request) {
        String base = upstream.toString().replaceAll("/+$", "");
        URI target = URI.create(base + request.path() + (request.query().isEmpty() ? "" : "?" + request.query()));
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(120))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    /** What was recorded so far, with the given matching settings. */
    public Cassette cassette(List<String> ignoreBodyFields, List<String> matchHeaders) {
        synchronized (exchanges) {
            return new Cassette(exchanges, ignoreBodyFields, matchHeaders);
        }
    }

    public int recorded() {
        synchronized (exchanges) {
            return exchanges.size();
        }
    }

    /** Writes the cassette atomically (temporary file, then rename). */
    public static void save(Cassette cassette, Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".cassette", ".tmp");
            Files.writeString(tmp, cassette.toJson(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CassetteException("cannot write the cassette " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
