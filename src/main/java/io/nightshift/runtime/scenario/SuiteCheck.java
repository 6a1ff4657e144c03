package io.nightshift.runtime.scenario;

import java.util.List;

/**
 * A suite folder as checked: its settings and content version when valid; otherwise {@code problems}, each
 * {@code path:line: message} with the path under the folder as given.
 */
public record SuiteCheck(String folder, String name, String version, int scenarios, int trials, String disclosure,
        double threshold, List<String> problems) {

    public SuiteCheck {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
