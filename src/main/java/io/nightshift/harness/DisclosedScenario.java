package io.nightshift.harness;

/**
 * One scenario as the disclosure level lets it be seen. At {@link Disclosure#VERDICT} only the counts and a neutral
 * label ({@code scenario 3}); at {@link Disclosure#HINTS} also title, story, the failing step's kind and what the
 * program did; {@code expected} and {@code step} (the failing step's text) only at {@link Disclosure#FULL}.
 * {@code flaky}: its trials disagreed on the same commit; {@code judgeErrors}: trials the judge could not complete
 * (not counted); {@code withheld}: the scenario reached its suite's exposure limit, so only its counts are shown
 * whatever the level.
 */
public record DisclosedScenario(String label, String title, String story, int satisfiedTrials, int trials,
                                StepKind failedKind, String observed, String step, String expected, boolean flaky,
                                int judgeErrors, boolean withheld) {

    public DisclosedScenario(String label, String title, String story, int satisfiedTrials, int trials,
                             StepKind failedKind, String observed, String step, String expected) {
        this(label, title, story, satisfiedTrials, trials, failedKind, observed, step, expected, false, 0, false);
    }

    /** What of the scenario beyond its counts is disclosed: title, story, failed_kind, observed, step, expected. */
    public java.util.List<String> contentKinds() {
        java.util.List<String> kinds = new java.util.ArrayList<>();
        if (title != null) {
            kinds.add("title");
        }
        if (story != null && !story.isBlank()) {
            kinds.add("story");
        }
        if (failedKind != null) {
            kinds.add("failed_kind");
        }
        if (observed != null) {
            kinds.add("observed");
        }
        if (step != null) {
            kinds.add("step");
        }
        if (expected != null) {
            kinds.add("expected");
        }
        return kinds;
    }
}
