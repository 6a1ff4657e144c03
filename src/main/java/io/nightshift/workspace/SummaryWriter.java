package io.nightshift.workspace;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Renders {@code summary.md}: a table of the run's commits with their diff numbers, totals, then files per commit. */
final class SummaryWriter {

    private SummaryWriter() {
    }

    static String render(String runId, String branch, String base, String head, List<RunHistory.Step> steps) {
        StringBuilder md = new StringBuilder();
        md.append("# Nightshift run ").append(runId).append("\n\n");
        md.append("Branch `").append(branch).append("`, from `").append(base).append("` to `").append(head)
                .append("`, ").append(steps.size()).append(steps.size() == 1 ? " commit.\n\n" : " commits.\n\n");
        md.append("| # | Commit | Subject | Files changed | Insertions | Deletions |\n");
        md.append("|---|--------|---------|--------------:|-----------:|----------:|\n");
        Set<String> allFiles = new LinkedHashSet<>();
        int insertions = 0;
        int deletions = 0;
        for (int i = 0; i < steps.size(); i++) {
            RunHistory.Step step = steps.get(i);
            md.append("| ").append(i + 1).append(" | `").append(step.commit().name()).append("` | ")
                    .append(cell(step.commit().getShortMessage())).append(" | ").append(step.files().size())
                    .append(" | ").append(step.insertions()).append(" | ").append(step.deletions()).append(" |\n");
            step.files().forEach(f -> allFiles.add(f.path()));
            insertions += step.insertions();
            deletions += step.deletions();
        }
        md.append("| | | **Total** | ").append(allFiles.size()).append(" | ").append(insertions).append(" | ")
                .append(deletions).append(" |\n");
        for (int i = 0; i < steps.size(); i++) {
            RunHistory.Step step = steps.get(i);
            md.append("\n## ").append(i + 1).append(". ").append(step.commit().getShortMessage()).append("\n\n");
            if (step.files().isEmpty()) {
                md.append("No file changes.\n");
            }
            for (RunHistory.FileStat file : step.files()) {
                md.append("- `").append(file.path()).append("` ");
                md.append(file.binary() ? "binary" : "+" + file.insertions() + " -" + file.deletions()).append('\n');
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
