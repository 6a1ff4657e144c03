package io.nightshift.runtime.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Satisfaction per suite over a run, from its {@code harness/<n>.json} files: for the end-of-run output and summary.md. */
public final class HarnessReport {

    private HarnessReport() {
    }

    /**
     * One line per suite judged, e.g. {@code suite todo: satisfaction 100.0% (6/6 trials, threshold 100.0%, reached)
     * after 2 judgments: 50.0% -> 100.0%}; empty when the run judged nothing.
     */
    public static List<String> lines(Path runDir) {
        Map<String, List<JudgmentFiles.Entry>> bySuite = new LinkedHashMap<>();
        for (JudgmentFiles.Entry e : JudgmentFiles.read(runDir)) {
            bySuite.computeIfAbsent(e.suite(), k -> new ArrayList<>()).add(e);
        }
        List<String> out = new ArrayList<>();
        bySuite.forEach((suite, entries) -> {
            JudgmentFiles.Entry last = entries.getLast();
            StringBuilder line = new StringBuilder("suite ").append(suite).append(": satisfaction ")
                    .append(Judging.percent(last.satisfaction())).append(" (").append(last.satisfiedTrials())
                    .append('/').append(last.totalTrials()).append(" trials, threshold ")
                    .append(Judging.percent(last.threshold())).append(last.reached() ? ", reached)" : ", not reached)");
            if (!last.certainty().isBlank()) {
                line.append("; how sure: ").append(last.certainty());
            }
            if (!last.flaky().isEmpty()) {
                line.append("; flaky (trials disagreed on the same commit): ").append(String.join(", ", last.flaky()));
            }
            if (last.judgeErrors() > 0) {
                line.append("; ").append(last.judgeErrors()).append(" judge error(s), not counted");
            }
            if (!last.withheld().isEmpty()) {
                line.append("; withheld from feedback (exposure limit, rotate them): ")
                        .append(String.join(", ", last.withheld()));
            }
            if (entries.size() > 1) {
                line.append(" after ").append(entries.size()).append(" judgments: ");
                for (int i = 0; i < entries.size(); i++) {
                    line.append(i == 0 ? "" : " -> ").append(Judging.percent(entries.get(i).satisfaction()));
                }
            }
            out.add(line.toString());
        });
        return out;
    }

    /** The section summary.md gets, or empty text when nothing was judged. */
    public static String markdown(Path runDir) {
        List<String> lines = lines(runDir);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Holdout scenarios\n\n");
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
        md.append("\nEvery judgment, as disclosed: `harness/<n>.json` in the run directory.\n");
        return md.toString();
    }
}
