package io.nightshift.twin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Record-and-replay: requests for {@code provider} are forwarded to {@code baseUrl} (the origin, e.g.
 * {@code https://api.anthropic.com}; the request path is appended unchanged) with {@code apiKey}, the real
 * answers are returned to the client, and each exchange is appended as an ordered step to a replayable
 * script written to {@code scriptFile} (rewritten atomically after every exchange).
 */
public record Upstream(Provider provider, URI baseUrl, String apiKey, Path scriptFile) {

    public Upstream {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(scriptFile, "scriptFile");
    }
}
