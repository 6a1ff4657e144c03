package io.nightshift.cli;

import io.nightshift.event.SpendReport;
import java.util.Locale;

/** How the CLI writes spend: {@code 12,345 tokens, $0.0421}; a cost with unpriced calls in it is a lower bound. */
final class SpendLine {

    private SpendLine() {
    }

    static String of(long tokens, double costUsd, boolean costComplete) {
        return String.format(Locale.ROOT, "%,d tokens, %s$%.4f", tokens, costComplete ? "" : "≥ ", costUsd);
    }

    /** The run's total, with {@code (simulated)} when no real model ran. */
    static String of(SpendReport spend, boolean simulated) {
        return of(spend.total().tokens(), spend.total().costUsd(), spend.total().costKnown())
                + (simulated ? " (simulated)" : "");
    }
}
