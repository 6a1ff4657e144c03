package io.nightshift.twin.cassette;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A cassette twin on a port: answers every request through a {@link CassettePlayer}, except the control paths
 * under {@value #CONTROL} ({@code GET requests}, {@code POST reset}, {@code POST fail-next?status=N}), which the
 * judge and tests use. Closing it stops the server.
 */
public final class CassetteReplay implements AutoCloseable {

    public static final String CONTROL = "/__twin/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final CassettePlayer player;

    private CassetteReplay(HttpServer server, ExecutorService executor, CassettePlayer player) {
        this.server = server;
        this.executor = executor;
        this.player = player;
    }

    /** @param port 0 for any free port */
    public static CassetteReplay start(Cassette cassette, String host, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new CassetteException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        CassetteReplay replay = new CassetteReplay(server, executor, new CassettePlayer(cassette));
        server.createContext("/", replay::handle);
        server.setExecutor(executor);
        server.start();
        return replay;
    }

    public String baseUrl() {
        InetSocketAddress at = server.getAddress();
        String host = at.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort();
    }

    public CassettePlayer player() {
        return player;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(CONTROL)) {
                control(exchange, path.substring(CONTROL.length()));
                return;
            }
            HttpExchanges.respond(exchange, player.answer(HttpExchanges.request(exchange)));
        } catch (RuntimeException e) {
            text(exchange, 500, "the twin failed: " + e.getMessage());
        }
    }

    private void control(HttpExchange exchange, String what) throws IOException {
        String method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getRawQuery();
        if (what.equals("requests") && method.equals("GET")) {
            ArrayNode list = JSON.createArrayNode();
            for (CassettePlayer.ReceivedRequest r : player.received()) {
                list.addObject().put("method", r.method()).put("path", r.path()).put("query", r.query())
                        .put("status", r.status());
            }
            json(exchange, list.toString());
        } else if (what.equals("reset") && method.equals("POST")) {
            player.reset();
            json(exchange, "{\"reset\":true}");
        } else if (what.equals("fail-next") && method.equals("POST") && query != null
                && query.matches("status=\\d{3}")) {
            try {
                player.failNext(Integer.parseInt(query.substring("status=".length())));
            } catch (IllegalArgumentException e) {
                text(exchange, 400, e.getMessage());
                return;
            }
            json(exchange, "{\"fail_next\":" + query.substring("status=".length()) + "}");
        } else {
            text(exchange, 404, "control paths: GET " + CONTROL + "requests, POST " + CONTROL + "reset, POST "
                    + CONTROL + "fail-next?status=503");
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        HttpExchanges.respond(exchange, new Cassette.Response(200, Map.of("content-type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        HttpExchanges.respond(exchange, new Cassette.Response(status, Map.of("content-type", "text/plain"),
                (body + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Convenience for callers that only need the list. */
    public List<CassettePlayer.ReceivedRequest> received() {
        return player.received();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
