package io.nightshift.server;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A service with a GitHub webhook secret (its jobs simulated, in the local sandbox, delivered as a branch) and one
 * hourly schedule, behind a bearer token; its own runs directory.
 */
public class TriggersTestProfile implements QuarkusTestProfile {

    static final String TOKEN = "triggers-test-token";
    static final String SECRET = "webhook-secret-for-tests";
    static final Path RUNS = temp("ns-serve-trigger-runs");
    static final Path REPO = temp("ns-serve-trigger-repo");

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("nightshift.server.runs-dir", RUNS.toString()),
                Map.entry("nightshift.server.allow-local-sandbox", "true"),
                Map.entry("nightshift.server.tokens", TOKEN),
                Map.entry("nightshift.server.allow-simulate", "true"),
                Map.entry("nightshift.hooks.github.secret", SECRET),
                Map.entry("nightshift.hooks.github.pipeline", "hello"),
                Map.entry("nightshift.hooks.github.deliver", "branch"),
                Map.entry("nightshift.hooks.github.sandbox", "local"),
                Map.entry("nightshift.hooks.github.simulate", "true"),
                Map.entry("nightshift.schedules.hourly.cron", "0 * * * *"),
                Map.entry("nightshift.schedules.hourly.repository", REPO.toString()),
                Map.entry("nightshift.schedules.hourly.goal", "Tidy up"),
                Map.entry("nightshift.schedules.hourly.pipeline", "hello"),
                Map.entry("nightshift.schedules.hourly.sandbox", "local"),
                Map.entry("nightshift.schedules.hourly.simulate", "true"));
    }
}
