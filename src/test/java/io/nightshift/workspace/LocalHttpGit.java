package io.nightshift.workspace;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A git smart-HTTP server on loopback for the https push tests: the JDK's HTTP server in front of git's own
 * {@code git http-backend} (as CGI), so the client under test talks to real git. Every request must carry HTTP
 * Basic credentials {@code user:token}; others get 401 with a Basic challenge, as GitHub does. Pushing is on
 * (the backend sees an authenticated {@code REMOTE_USER}).
 */
public final class LocalHttpGit implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final String expected;
    /** One line per request: method, path and query, and whether it was let in. */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    private LocalHttpGit(Path root, String user, String token) throws IOException {
        this.root = root;
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + token)
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves the repositories under {@code root} (as {@code /<name>.git}) to {@code user} with {@code token}. */
    public static LocalHttpGit start(Path root, String user, String token) throws IOException {
        return new LocalHttpGit(root, user, token);
    }

    /** {@code http://127.0.0.1:<port>/<name>} (no credentials in it). */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String path = exchange.getRequestURI().getPath();
            boolean allowed = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query)
                    + (allowed ? "" : " 401"));
            if (!allowed) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
            Map<String, String> env = cgi.environment();
            env.put("GIT_PROJECT_ROOT", root.toString());
            env.put("GIT_HTTP_EXPORT_ALL", "1");
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            env.put("REQUEST_METHOD", exchange.getRequestMethod());
            env.put("PATH_INFO", path);
            env.put("QUERY_STRING", query == null ? "" : query);
            env.put("REMOTE_USER", "tester");
            env.put("REMOTE_ADDR", "127.0.0.1");
            header(exchange, "Content-Type", env, "CONTENT_TYPE");
            header(exchange, "Content-Length", env, "CONTENT_LENGTH");
            header(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
            header(exchange, "Git-Protocol", env, "HTTP_GIT_PROTOCOL");
            cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
            Process backend = cgi.start();
            try (OutputStream in = backend.getOutputStream(); InputStream body = exchange.getRequestBody()) {
                body.transferTo(in);
            }
            InputStream out = backend.getInputStream();
            int status = 200;
            for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
            backend.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void header(HttpExchange exchange, String name, Map<String, String> env, String variable) {
        String value = exchange.getRequestHeaders().getFirst(name);
        if (value != null) {
            env.put(variable, value);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
