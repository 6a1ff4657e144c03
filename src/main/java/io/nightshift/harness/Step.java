package io.nightshift.harness;

import java.util.Objects;

/** One line of a scenario: its Gherkin keyword and text, where it is, and what it does. */
public record Step(String keyword, String text, String file, int line, StepAction action) {
    public Step {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
    }

    public StepKind kind() {
        return action.kind();
    }
}
