package io.nightshift.harness;

/**
 * One scenario as the disclosure level lets it be seen. At {@link Disclosure#VERDICT} only the counts and a neutral
 * label ({@code scenario 3}); at {@link Disclosure#HINTS} also title, story, the failing step's kind and what the
 * program did; {@code expected} and {@code step} (the failing step's text) only at {@link Disclosure#FULL}.
 */
public record DisclosedScenario(String label, String title, String story, int satisfiedTrials, int trials,
                                StepKind failedKind, String observed, String step, String expected) {
}
