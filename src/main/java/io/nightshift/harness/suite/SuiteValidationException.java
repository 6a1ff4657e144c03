package io.nightshift.harness.suite;

import java.util.List;
import java.util.stream.Collectors;

/** A suite that cannot be used; {@link #problems()} lists every problem found, in file and line order. */
public final class SuiteValidationException extends RuntimeException {

    private final List<SuiteProblem> problems;

    public SuiteValidationException(List<SuiteProblem> problems) {
        super(problems.stream().sorted().map(SuiteProblem::toLine).collect(Collectors.joining("\n")));
        this.problems = problems.stream().sorted().toList();
    }

    public List<SuiteProblem> problems() {
        return problems;
    }
}
