package io.nightshift.runtime;

import io.nightshift.event.Spend;
import io.nightshift.pipeline.run.FinalReport;
import io.nightshift.pipeline.run.RunDirectory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The section summary.md gets from a run's {@code final.json}: how it ended and what its model calls spent. */
public final class SpendSummary {

    private SpendSummary() {
    }

    /** The markdown section, or empty text when the run wrote no final.json. */
    public static String markdown(Path logsRoot) {
        Optional<FinalReport> read;
        try {
            read = new RunDirectory(logsRoot, false).readFinal();
        } catch (RuntimeException unreadable) {
            return "";
        }
        if (read.isEmpty()) {
            return "";
        }
        FinalReport f = read.get();
        StringBuilder md = new StringBuilder("\n## Run\n\n");
        md.append("- status: ").append(f.status()).append(f.reason().isBlank() ? "" : " (" + f.reason() + ")")
                .append('\n');
        md.append("- spend: ").append(line(f.spend().total())).append(f.simulated() ? " (simulated: no model was"
                + " called)" : "").append('\n');
        table(md, "stage", f.spend().byStage());
        table(md, "provider", f.spend().byProvider());
        return md.toString();
    }

    private static void table(StringBuilder md, String what, Map<String, Spend> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("\n| ").append(what).append(" | calls | tokens | cached input | output | cost (USD) |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        rows.forEach((name, s) -> md.append("| ").append(name).append(" | ").append(s.calls()).append(" | ")
                .append(s.tokens()).append(" | ").append(s.cachedInputTokens()).append(" | ").append(s.outputTokens())
                .append(" | ").append(cost(s)).append(" |\n"));
    }

    private static String line(Spend s) {
        return String.format(Locale.ROOT, "%,d tokens, %s", s.tokens(), cost(s));
    }

    private static String cost(Spend s) {
        String usd = String.format(Locale.ROOT, "$%.4f", s.costUsd());
        return s.costKnown() ? usd : "≥ " + usd + " (" + s.unpricedCalls() + " unpriced)";
    }
}
