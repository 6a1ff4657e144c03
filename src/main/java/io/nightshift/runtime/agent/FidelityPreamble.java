package io.nightshift.runtime.agent;

import io.nightshift.pipeline.handler.RunSoFar;
import io.nightshift.pipeline.state.Context;
import java.util.List;
import java.util.Map;

/**
 * The context a fresh session starts with when a stage's fidelity is not {@code full} (attractor-spec 5.4),
 * built from the run's state: the goal, the completed stages with their outcomes ({@link RunSoFar}), the
 * engine's log of notable events and the context values (internal and graph attributes left out). Budgets follow the spec's token estimates at about four characters a
 * token: truncate (goal and run id only), compact (bullets), summary:low ~600, :medium ~1500, :high ~3000 tokens.
 * The last holdout judgment ({@link HarnessFeedback}) follows in every mode.
 */
final class FidelityPreamble {

    static final int LOW_CHARS = 2_400;
    static final int MEDIUM_CHARS = 6_000;
    static final int HIGH_CHARS = 12_000;
    private static final int VALUE_CHARS = 200;

    private FidelityPreamble() {
    }

    /** The preamble, then the last holdout judgment whatever the mode (it is not subject to the mode's budget). */
    static String build(String mode, Context ctx, RunSoFar run) {
        String preamble = forMode(mode, ctx, run);
        return HarnessFeedback.section(ctx).map(section -> preamble + "\n" + section).orElse(preamble);
    }

    private static String forMode(String mode, Context ctx, RunSoFar run) {
        String goal = ctx.getString("graph.goal", "");
        StringBuilder out = new StringBuilder("# Pipeline context\n");
        out.append("Goal: ").append(goal.isBlank() ? "(none given)" : goal).append('\n');
        out.append("Run: ").append(run.runId()).append('\n');
        List<String> log = new java.util.ArrayList<>();
        run.outcomes().forEach((node, outcome) -> log.add(node + ": " + outcome));
        List<String> notes = ctx.logs();
        Map<String, Object> values = ctx.snapshot();
        switch (mode == null ? "compact" : mode) {
            case "truncate" -> { }
            case "summary:low" -> {
                out.append("\n").append(log.size()).append(" stage(s) completed so far");
                if (!log.isEmpty()) {
                    out.append("; the last was ").append(log.getLast());
                }
                out.append(".\n");
                return cap(out, LOW_CHARS);
            }
            case "summary:medium" -> {
                stages(out, log, 10);
                notes(out, notes, 5);
                values(out, values, VALUE_CHARS);
                return cap(out, MEDIUM_CHARS);
            }
            case "summary:high" -> {
                stages(out, log, 40);
                notes(out, notes, 20);
                values(out, values, 2_000);
                return cap(out, HIGH_CHARS);
            }
            default -> {
                stages(out, log, Integer.MAX_VALUE);
                notes(out, notes, 5);
                values(out, values, VALUE_CHARS);
            }
        }
        return out.toString();
    }

    private static void stages(StringBuilder out, List<String> log, int recent) {
        if (log.isEmpty()) {
            return;
        }
        out.append("\nCompleted stages (outcome):\n");
        int from = Math.max(0, log.size() - recent);
        if (from > 0) {
            out.append("- ... ").append(from).append(" earlier stage(s)\n");
        }
        for (String entry : log.subList(from, log.size())) {
            out.append("- ").append(entry).append('\n');
        }
    }

    private static void notes(StringBuilder out, List<String> notes, int recent) {
        if (notes.isEmpty()) {
            return;
        }
        out.append("\nNotable events:\n");
        for (String note : notes.subList(Math.max(0, notes.size() - recent), notes.size())) {
            out.append("- ").append(note).append('\n');
        }
    }

    private static void values(StringBuilder out, Map<String, Object> values, int maxValueChars) {
        StringBuilder lines = new StringBuilder();
        values.forEach((key, value) -> {
            if (key.startsWith("internal.") || key.startsWith("graph.") || key.equals("current_node")
                    || key.startsWith("harness.")) {
                return;
            }
            String text = String.valueOf(value);
            if (text.length() > maxValueChars) {
                text = text.substring(0, maxValueChars) + " ...";
            }
            lines.append("- ").append(key).append(": ").append(text.replace('\n', ' ')).append('\n');
        });
        if (!lines.isEmpty()) {
            out.append("\nContext values:\n").append(lines);
        }
    }

    private static String cap(StringBuilder out, int max) {
        return out.length() <= max ? out.toString() : out.substring(0, max) + "\n[... context shortened]\n";
    }
}
