package io.nightshift.runtime.delivery;

import io.nightshift.twin.forge.ForgeTwin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts the forge twins for {@code nightshift forge-twin} (bin/demo), so the CLI reaches the twin through runtime. */
public final class ForgeTwins {

    private ForgeTwins() {
    }

    /** A running forge twin: where it listens, the environment that points Nightshift at it, and how to stop it. */
    public record Running(String baseUrl, Map<String, String> environment, AutoCloseable stopper) {
    }

    /**
     * Serves the bare repositories under {@code repositories} ({@code <dir>/<owner>/<name>.git}).
     *
     * @throws IllegalArgumentException when the directory does not exist or the token is blank
     */
    public static Running start(Path repositories, String host, int port, String token) {
        return start(repositories, host, port, token, java.time.Duration.ZERO);
    }

    /** As {@link #start(Path, String, int, String)}, holding every API answer for {@code delay} (a slow forge). */
    public static Running start(Path repositories, String host, int port, String token, java.time.Duration delay) {
        if (!Files.isDirectory(repositories)) {
            throw new IllegalArgumentException(repositories + " is not a directory; give the directory holding"
                    + " <owner>/<name>.git bare repositories");
        }
        ForgeTwin twin = ForgeTwin.start(repositories, host, port, token);
        twin.delayAnswers(delay);
        return new Running(twin.baseUrl(), twin.environment(), twin::close);
    }
}
