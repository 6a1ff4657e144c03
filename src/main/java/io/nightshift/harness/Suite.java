package io.nightshift.harness;

import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated suite as the harness holds it in memory; {@code version} is the content hash of its files,
 * {@code twins} the twins it declares with their cassettes read.
 */
public record Suite(SuiteSettings settings, String version, List<Scenario> scenarios, List<SuiteTwin> twins) {
    public Suite {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(version, "version");
        scenarios = List.copyOf(scenarios);
        twins = twins == null ? List.of() : List.copyOf(twins);
    }

    public Suite(SuiteSettings settings, String version, List<Scenario> scenarios) {
        this(settings, version, scenarios, List.of());
    }

    public String name() {
        return settings.name();
    }
}
