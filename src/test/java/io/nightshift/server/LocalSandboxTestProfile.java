package io.nightshift.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A service whose operator allows {@code "sandbox": "local"}: enabled in configuration and guarded by a bearer
 * token, which every request of these tests presents; simulation allowed, as in the default test profile. Its own
 * runs directory.
 */
public class LocalSandboxTestProfile implements QuarkusTestProfile {

    static final String TOKEN = "local-sandbox-test-token";
    static final Path RUNS = temp();

    private static Path temp() {
        try {
            return Files.createTempDirectory("ns-serve-local-runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("nightshift.server.runs-dir", RUNS.toString(), "nightshift.server.heartbeat-seconds", "1",
                "nightshift.server.max-dot-bytes", "65536", "nightshift.server.allow-local-sandbox", "true",
                "nightshift.server.tokens", TOKEN, "nightshift.server.allow-simulate", "true");
    }
}
