package io.nightshift.twin.cassette;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the recorder and the replay server share: reading a request off the JDK server, writing a response back. */
final class HttpExchanges {

    /**
     * Headers never written to a cassette nor compared: credentials (a cassette is shared and committed), values that
     * change with every call or client (date, user agent, ids), and those the HTTP layer owns (length, connection).
     */
    static final Set<String> VOLATILE = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "api-key", "x-goog-api-key", "date", "user-agent", "host", "content-length", "connection",
            "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "expect", "accept-encoding",
            "x-request-id", "request-id", "traceparent", "tracestate", "http2-settings");

    /** The request body is read up to this; a cassette twin is for API calls, not uploads. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private HttpExchanges() {
    }

    static Cassette.Request request(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!VOLATILE.contains(key)) {
                headers.put(key, String.join(", ", values));
            }
        });
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY);
        String query = exchange.getRequestURI().getRawQuery();
        return new Cassette.Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), query, headers,
                body);
    }

    static void respond(HttpExchange exchange, Cassette.Response response) throws IOException {
        response.headers().forEach((name, value) -> {
            if (!VOLATILE.contains(name)) {
                exchange.getResponseHeaders().set(name, value);
            }
        });
        boolean empty = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        exchange.close();
    }

    static Map<String, String> filtered(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (!VOLATILE.contains(key) && !key.startsWith(":")) {
                out.put(key, String.join(", ", values));
            }
        });
        return out;
    }
}
