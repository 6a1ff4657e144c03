package io.nightshift.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A service guarded by scoped tokens (owner:role:token) and one plain token; simulation allowed. */
public class ScopedTokensTestProfile implements QuarkusTestProfile {

    public static final String ALICE = "alice-submits";
    public static final String ALICE_READER = "alice-reads";
    public static final String BOB = "bob-submits";
    public static final String OPS = "ops-administers";
    static final String PLAIN = "plain-old-token";
    static final Path RUNS = temp();

    private static Path temp() {
        try {
            return Files.createTempDirectory("ns-serve-scoped-runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("nightshift.server.runs-dir", RUNS.toString(), "nightshift.server.heartbeat-seconds", "1",
                "nightshift.server.allow-simulate", "true", "nightshift.server.tokens",
                "alice:submit:" + ALICE + ",alice:read:" + ALICE_READER + ",bob:submit:" + BOB + ",ops:admin:" + OPS
                        + "," + PLAIN);
    }
}
