package io.nightshift.runtime.agent;

import io.nightshift.pipeline.state.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * The last holdout judgment as the agents see it. A harness node (or a stage judged in place) leaves it in the
 * context under {@link #SATISFACTION_KEY}, {@link #SATISFIED_KEY} and {@link #FEEDBACK_KEY}; every later codergen
 * stage gets it as a section of its input, whatever its fidelity, because it is the one thing the agents cannot
 * learn from the workspace.
 */
public final class HarnessFeedback {

    public static final String SATISFACTION_KEY = "harness.satisfaction";
    public static final String SATISFIED_KEY = "harness.satisfied";
    public static final String FEEDBACK_KEY = "harness.feedback";
    public static final String SUITE_KEY = "harness.suite";

    /** Feedback longer than this is cut (about 2,000 tokens): a long list of failures says enough at its start. */
    static final int MAX_CHARS = 8_000;

    private HarnessFeedback() {
    }

    /** The section, or empty when nothing was judged yet. */
    public static Optional<String> section(Context context) {
        Object satisfaction = context.get(SATISFACTION_KEY);
        if (satisfaction == null) {
            return Optional.empty();
        }
        String suite = context.getString(SUITE_KEY, "");
        boolean satisfied = Boolean.parseBoolean(context.getString(SATISFIED_KEY, "false"));
        String feedback = context.getString(FEEDBACK_KEY, "").strip();
        if (feedback.length() > MAX_CHARS) {
            feedback = feedback.substring(0, MAX_CHARS) + "\n[... feedback shortened]";
        }
        StringBuilder out = new StringBuilder("# Holdout scenarios\n");
        out.append("Your work was judged against held-out end-to-end scenarios")
                .append(suite.isBlank() ? "" : " (suite " + suite + ")").append(" that you cannot see. ")
                .append("Satisfaction: ").append(percent(satisfaction)).append(satisfied
                        ? " (enough).\n" : " (not enough yet: make the program do what the scenarios expect; "
                        + "do not try to find or imitate the scenarios).\n");
        if (!feedback.isEmpty()) {
            out.append("\nFeedback:\n").append(feedback).append('\n');
        }
        return Optional.of(out.toString());
    }

    /** The follow-up message of a stage judged in place that is not satisfied yet. */
    public static String followUp(int round, int maxRounds, double satisfaction, double threshold, String feedback) {
        return "Your work was judged against held-out end-to-end scenarios (round " + round + " of " + maxRounds
                + "): satisfaction " + percent(satisfaction) + ", below the required " + percent(threshold)
                + ". Keep working in the same workspace until the program does what the scenarios expect, "
                + "then finish again.\n\nFeedback:\n"
                + (feedback == null || feedback.isBlank() ? "(the suite discloses no details)" : feedback.strip());
    }

    static String percent(Object fraction) {
        double value = fraction instanceof Number n ? n.doubleValue() : parse(String.valueOf(fraction));
        return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
