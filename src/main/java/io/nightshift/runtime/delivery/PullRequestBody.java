package io.nightshift.runtime.delivery;

import io.nightshift.pipeline.run.Manifest;
import io.nightshift.pipeline.run.RunDirectory;
import io.nightshift.runtime.SpendSummary;
import io.nightshift.runtime.harness.HarnessReport;
import io.nightshift.runtime.harness.JudgmentFiles;
import io.nightshift.workspace.StageRecord;
import io.nightshift.workspace.WorkspaceLog;
import io.nightshift.workspace.WorkspaceLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The title and markdown body of a run's pull request, from the run directory: the goal, whether the run is
 * ready for review (it succeeded and every held-out suite reached its threshold), the stages with their outcome
 * and commit, the spend (final.json) and the satisfaction per suite as the store disclosed it (harness/*.json:
 * suite names and figures, never a scenario). Capped below GitHub's 65,536-character limit.
 */
final class PullRequestBody {

    static final int MAX_CHARS = 60_000;

    private PullRequestBody() {
    }

    /** Whether the run may be opened ready for review, and why not when it may not. */
    record Readiness(boolean ready, List<String> reasons) {
    }

    static Readiness readiness(Path runDir, String runStatus) {
        List<String> reasons = new ArrayList<>();
        if (!"success".equals(runStatus)) {
            reasons.add("the run ended " + runStatus);
        }
        Map<String, JudgmentFiles.Entry> last = new LinkedHashMap<>();
        JudgmentFiles.read(runDir).forEach(e -> last.put(e.suite(), e));
        last.values().stream().filter(e -> !e.reached()).forEach(e -> reasons.add("suite " + e.suite()
                + " stayed below its threshold"));
        return new Readiness(reasons.isEmpty(), reasons);
    }

    static String title(Path runDir, String runId) {
        String goal = goal(runDir).orElse("");
        String first = goal.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        if (first.isEmpty()) {
            return "Nightshift run " + runId;
        }
        return "Nightshift: " + (first.length() > 100 ? first.substring(0, 100) + "..." : first);
    }

    static String render(Path runDir, String runId, Readiness readiness) {
        StringBuilder md = new StringBuilder();
        md.append("<!-- nightshift run ").append(runId).append(" -->\n");
        md.append("## Goal\n\n").append(goal(runDir).filter(g -> !g.isBlank()).orElse("(the pipeline names none)"))
                .append("\n\n");
        md.append(readiness.ready()
                ? "**Ready for review**: the run succeeded and every held-out suite it was judged by reached its"
                        + " threshold.\n"
                : "**Draft**: " + String.join("; ", readiness.reasons()) + ".\n");
        stages(runDir, md);
        md.append(SpendSummary.markdown(runDir));
        String holdout = HarnessReport.markdown(runDir);
        md.append(holdout.isEmpty() ? "\n## Holdout scenarios\n\nNo held-out suite judged this run.\n" : holdout);
        String text = md.toString();
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\n\n(cut: the full report is in the run"
                + " directory)\n" : text;
    }

    private static void stages(Path runDir, StringBuilder md) {
        Path file = runDir.resolve("workspace.json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        WorkspaceLog log;
        try {
            log = WorkspaceLogs.read(file);
        } catch (RuntimeException unreadable) {
            return;
        }
        md.append("\n## Stages\n\n| # | stage | attempt | outcome | commit |\n|---:|---|---:|---|---|\n");
        int i = 1;
        for (StageRecord s : log.stages()) {
            md.append("| ").append(i++).append(" | ").append(cell(s.node())).append(" | ").append(s.attempt())
                    .append(" | ").append(cell(s.outcome())).append(" | `")
                    .append(s.commit().length() > 10 ? s.commit().substring(0, 10) : s.commit()).append("` |\n");
        }
    }

    private static Optional<String> goal(Path runDir) {
        try {
            return new RunDirectory(runDir, false).readManifest().map(Manifest::goal);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }
}
