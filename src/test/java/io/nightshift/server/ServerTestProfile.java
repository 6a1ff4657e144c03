package io.nightshift.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A service with its own empty runs directory, quick heartbeats, and simulation allowed (tests post simulated runs). */
public class ServerTestProfile implements QuarkusTestProfile {

    static final Path RUNS = temp();

    private static Path temp() {
        try {
            return Files.createTempDirectory("ns-serve-runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("nightshift.server.runs-dir", RUNS.toString(), "nightshift.server.heartbeat-seconds", "1",
                "nightshift.server.max-dot-bytes", "65536", "nightshift.server.allow-simulate", "true");
    }
}
