package io.nightshift.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A service as on a host without Graphviz (its {@code dot} command does not exist), with its own empty runs
 * directory: the dashboard must draw graphs anyway, and list exactly the runs its test submitted.
 */
public class NoGraphvizProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            return Map.of("nightshift.server.runs-dir", Files.createTempDirectory("ns-dashboard-runs").toString(),
                    "nightshift.server.heartbeat-seconds", "1", "nightshift.server.allow-simulate", "true",
                    "nightshift.server.dot-command", "nightshift-no-such-graphviz-dot");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
