package io.nightshift.runtime;

import io.nightshift.pipeline.run.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code candidates.md} in the run directory: one table per stage that ran candidates, with each one's status,
 * satisfaction, lower bound, spend, commit and side ref. It is appended to {@code summary.md} at delivery. The
 * file is the run's own (the agents cannot write the run directory's top level).
 */
final class CandidatesReport {

    static final String FILE = "candidates.md";
    private static final long MAX_BYTES = 1 << 20;

    private CandidatesReport() {
    }

    static synchronized void append(Path runDir, String nodeId, List<CandidateAttempt> candidates,
            CandidateAttempt winner, String why) {
        StringBuilder md = new StringBuilder();
        md.append("\n### Stage ").append(nodeId).append("\n\n").append(why).append(".\n\n");
        md.append("| # | Model | Status | Satisfaction | Lower bound | Tokens | Cost | Commit | Ref |\n");
        md.append("|---|-------|--------|-------------:|------------:|-------:|-----:|--------|-----|\n");
        for (CandidateAttempt c : candidates) {
            md.append("| ").append(c.index()).append(c == winner ? " (winner)" : "").append(" | ")
                    .append(cell(c.model().isEmpty() ? "(stage's)" : c.model())).append(" | ").append(c.status())
                    .append(" | ").append(c.satisfaction().map(CandidatesReport::percent).orElse("-"))
                    .append(" | ").append(c.lowerBound().map(CandidatesReport::percent).orElse("-"))
                    .append(" | ").append(c.spend().tokens()).append(" | ")
                    .append(String.format(Locale.ROOT, "$%.4f", c.spend().costUsd())).append(" | ")
                    .append(c.commit().isEmpty() ? "-" : "`" + RunWorkspace.abbrev(c.commit()) + "`").append(" | ")
                    .append(c.ref().isEmpty() ? "-" : "`" + c.ref() + "`").append(" |\n");
        }
        for (CandidateAttempt c : candidates) {
            if (!c.reason().isEmpty()) {
                md.append("\nCandidate ").append(c.index()).append(": ").append(cell(oneLine(c.reason())))
                        .append('\n');
            }
        }
        Path file = runDir.resolve(FILE);
        AtomicFiles.writeString(file, read(file) + md, false);
    }

    /** The section for {@code summary.md}, or "" when no stage ran candidates. */
    static String markdown(Path runDir) {
        String body = read(runDir.resolve(FILE));
        return body.isEmpty() ? "" : "\n## Candidates\n" + body;
    }

    private static String read(Path file) {
        try {
            if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return "";
            }
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String oneLine(String text) {
        String line = text.replace('\n', ' ').strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
