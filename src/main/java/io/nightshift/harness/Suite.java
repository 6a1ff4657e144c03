package io.nightshift.harness;

import java.util.List;
import java.util.Objects;

/** A parsed, validated suite as the harness holds it in memory; {@code version} is the content hash of its files. */
public record Suite(SuiteSettings settings, String version, List<Scenario> scenarios) {
    public Suite {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(version, "version");
        scenarios = List.copyOf(scenarios);
    }

    public String name() {
        return settings.name();
    }
}
