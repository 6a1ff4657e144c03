package io.nightshift.harness;

import java.util.List;
import java.util.Objects;

/**
 * An end-to-end user story: {@code title} is the scenario's name, {@code story} the feature's description (the "As a
 * ... I want ..." text) that {@link Disclosure#HINTS} may reveal. {@code id} is stable across imports
 * ({@code file:line}). Background steps are already folded into {@code steps}.
 */
public record Scenario(String id, String feature, String title, String story, String file, int line, List<Step> steps) {
    public Scenario {
        Objects.requireNonNull(id, "id");
        steps = List.copyOf(steps);
    }
}
