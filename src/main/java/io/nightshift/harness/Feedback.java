package io.nightshift.harness;

import java.util.List;
import java.util.Locale;

/** The text handed to the agents after a judgment, built only from what the disclosure level allows. */
final class Feedback {

    private Feedback() {
    }

    static String text(Judgment judgment, List<DisclosedScenario> scenarios) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Acceptance check of commit %s: %d of %d scenario runs passed"
                        + " (satisfaction %.2f, needed %.2f).%n", shortId(judgment.commit()), judgment.satisfiedTrials(),
                judgment.totalTrials(), judgment.satisfaction(), judgment.threshold()));
        SatisfactionEstimate estimate = judgment.estimate();
        if (judgment.totalTrials() > 0) {
            b.append("How sure: ").append(estimate.describe()).append(".\n");
        }
        if (judgment.judgeErrors() > 0) {
            b.append(judgment.judgeErrors()).append(" scenario run(s) could not be judged (a failure of the judge, not"
                    + " of your work); they are not counted.\n");
        }
        long flaky = scenarios.stream().filter(DisclosedScenario::flaky).count();
        if (flaky > 0) {
            b.append(flaky).append(" scenario(s) passed some runs and failed others on the same commit (flaky): the"
                    + " program behaves inconsistently there.\n");
        }
        long withheld = scenarios.stream().filter(DisclosedScenario::withheld).count();
        if (withheld > 0) {
            b.append(withheld).append(" scenario(s) have been disclosed often enough: only their counts are shared"
                    + " now.\n");
        }
        if (judgment.totalTrials() == 0) {
            return b.append("The suite has no scenarios, so nothing could pass; this is a problem of the suite, not of"
                    + " your work.\n").toString();
        }
        if (judgment.satisfiedTrials() == judgment.totalTrials()) {
            return b.append(judgment.reached() ? "Every scenario passed. Nothing to fix.\n"
                    : "Every counted run passed, but not enough runs to be sure of the threshold; nothing to fix.\n")
                    .toString();
        }
        if (judgment.reached()) {
            b.append("That is enough to pass, but some runs failed; the program may behave inconsistently.\n");
        }
        switch (judgment.disclosure()) {
            case VERDICT -> verdict(b, scenarios);
            case HINTS, FULL -> hints(b, scenarios, judgment.disclosure() == Disclosure.FULL);
        }
        return b.toString();
    }

    private static void verdict(StringBuilder b, List<DisclosedScenario> scenarios) {
        b.append("The scenarios are held out: only these counts are shared.\n");
        for (DisclosedScenario s : scenarios) {
            b.append("- ").append(s.label()).append(": ").append(s.satisfiedTrials()).append(" of ")
                    .append(s.trials()).append(" runs passed\n");
        }
        b.append("Go back to the goal and the requirements you were given, try the program end to end the way a user"
                + " would (real inputs, error cases, exit codes, output format), and fix what does not hold up.\n");
    }

    private static void hints(StringBuilder b, List<DisclosedScenario> scenarios, boolean full) {
        b.append(full ? "Failing scenarios, with the step that failed and what it expected:\n"
                : "Failing scenarios. The checks themselves are held out; fix the behaviour they describe rather than"
                        + " trying to guess the checks.\n");
        int n = 0;
        for (DisclosedScenario s : scenarios) {
            if (s.satisfiedTrials() == s.trials() || s.failedKind() == null || s.withheld()) {
                continue;
            }
            n++;
            b.append('\n').append(n).append(". ").append(s.title() == null ? s.label() : "\"" + s.title() + "\"")
                    .append(" (").append(s.satisfiedTrials()).append(" of ").append(s.trials()).append(" runs passed)\n");
            if (s.story() != null && !s.story().isBlank()) {
                b.append("   User story: ").append(s.story().strip().replace("\n", "\n   ")).append('\n');
            }
            b.append("   It failed at: ").append(words(s.failedKind())).append('\n');
            if (full && s.step() != null) {
                b.append("   Step: ").append(s.step()).append('\n');
            }
            if (full && s.expected() != null) {
                b.append("   Expected: ").append(s.expected()).append('\n');
            }
            if (s.observed() != null && !s.observed().isBlank()) {
                b.append("   What the program did:\n     ").append(s.observed().strip().replace("\n", "\n     "))
                        .append('\n');
            }
        }
        b.append("\nReproduce each failure yourself by running the program as the story describes, fix the cause,"
                + " and check the neighbouring cases too.\n");
    }

    /** A step kind in words an agent understands. */
    static String words(StepKind kind) {
        return switch (kind) {
            case RUN_COMMAND -> "running a command";
            case START_SERVICE -> "starting the service and waiting for it to accept connections on its port";
            case HTTP_REQUEST -> "sending an HTTP request to the service (no response came)";
            case EXPECT_EXIT_CODE -> "the exit code of the command";
            case EXPECT_OUTPUT -> "the text the program printed";
            case EXPECT_JSON -> "a field of the JSON the program produced";
            case EXPECT_HTTP_STATUS -> "the status code of the HTTP response";
            case EXPECT_FILE -> "a file the program should have written";
            case LLM_JUDGE -> "a reviewer's judgment of the behaviour";
            case TWIN -> "setting up a service the program calls (its twin)";
            case EXPECT_TWIN_REQUEST -> "the requests the program made to a service it calls";
        };
    }

    private static String shortId(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(12, commit.length()));
    }
}
