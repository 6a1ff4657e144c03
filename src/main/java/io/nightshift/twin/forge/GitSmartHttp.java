package io.nightshift.twin.forge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Git's smart HTTP protocol for clone, fetch and push, served by git's own {@code git http-backend} as CGI, so
 * clients talk to real git (and JGit stays inside the workspace package). Every request needs HTTP Basic
 * credentials whose password is the twin's token (any user name), as GitHub and GitLab take a token over https;
 * others get 401 with a Basic challenge. Pushing is on (the backend sees an authenticated user).
 */
final class GitSmartHttp {

    /** A reply: status, headers and body. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    private final ForgeRepositories repositories;
    private final String expected;

    GitSmartHttp(ForgeRepositories repositories, String token) {
        this.repositories = repositories;
        this.expected = token;
    }

    /** Whether {@code path} is a git smart-HTTP path, e.g. {@code /acme/app.git/info/refs}. */
    static boolean handles(String path) {
        return path.contains(".git/info/refs") || path.endsWith(".git/git-upload-pack")
                || path.endsWith(".git/git-receive-pack");
    }

    /** Serves one request; {@code requestHeaders} holds Content-Type, Content-Encoding and Git-Protocol when sent. */
    Reply serve(String method, String path, String query, String authorization, Map<String, String> requestHeaders,
            byte[] body) {
        if (!authorized(authorization)) {
            return new Reply(401, Map.of("WWW-Authenticate", "Basic realm=\"forge twin\"", "Content-Type",
                    "text/plain"), "authentication required: the token as the password\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        String repository = path.substring(1, path.indexOf(".git/"));
        if (repositories.directory(repository).isEmpty()) {
            return new Reply(404, Map.of("Content-Type", "text/plain"), ("no repository " + repository + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", repositories.root().toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("REQUEST_METHOD", method);
        env.put("PATH_INFO", path);
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_USER", "forge-twin");
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        copy(requestHeaders, "Content-Type", env, "CONTENT_TYPE");
        copy(requestHeaders, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copy(requestHeaders, "Git-Protocol", env, "HTTP_GIT_PROTOCOL");
        cgi.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process backend = cgi.start();
            // feed the body while reading the answer: a large push must not fill both pipes at once
            CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
                try (OutputStream in = backend.getOutputStream()) {
                    in.write(body);
                } catch (IOException ignored) {
                    // the backend stopped reading; its answer says why
                }
            });
            InputStream out = backend.getInputStream();
            int status = 200;
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(out); !line.isEmpty(); line = readLine(out)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.split(" ")[0]);
                } else {
                    headers.put(name, value);
                }
            }
            byte[] answer = out.readAllBytes();
            feeding.join();
            backend.waitFor();
            return new Reply(status, headers, answer);
        } catch (IOException e) {
            return new Reply(500, Map.of("Content-Type", "text/plain"), ("forge twin: git http-backend: "
                    + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(503, Map.of("Content-Type", "text/plain"), "forge twin: interrupted\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon >= 0 && decoded.substring(colon + 1).equals(expected);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static void copy(Map<String, String> headers, String name, Map<String, String> env, String variable) {
        String value = headers.get(name);
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
}
