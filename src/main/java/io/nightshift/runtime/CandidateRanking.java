package io.nightshift.runtime;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the winner of a stage's candidates is chosen: among those that finished, the highest lower confidence bound
 * of satisfaction (a judged candidate before an unjudged one), then the stage's own verdict (success before
 * failure), then the lower cost, then the lower number.
 */
final class CandidateRanking {

    private static final Comparator<CandidateAttempt> BEST_FIRST = Comparator
            .comparing((CandidateAttempt c) -> c.lowerBound().orElse(-1.0), Comparator.reverseOrder())
            .thenComparing(c -> c.outcome().status().isSuccess() ? 0 : 1)
            .thenComparingDouble(c -> c.spend().costUsd())
            .thenComparingLong(c -> c.spend().tokens())
            .thenComparingInt(CandidateAttempt::index);

    private CandidateRanking() {
    }

    static Optional<CandidateAttempt> best(List<CandidateAttempt> candidates) {
        return candidates.stream().filter(c -> c.result().isPresent()).min(BEST_FIRST);
    }

    /** One sentence: who won and why, and which candidates an early stop or a budget ended. */
    static String explain(CandidateAttempt winner, List<CandidateAttempt> all, int stoppedBy) {
        StringBuilder b = new StringBuilder();
        if (winner == null) {
            b.append("no candidate finished");
        } else {
            b.append("candidate ").append(winner.index()).append(" of ").append(all.size()).append(" won");
            b.append(winner.lowerBound().map(l -> String.format(Locale.ROOT,
                    " with the highest lower bound of satisfaction, %.1f%%", l * 100))
                    .orElse(" (no candidate was judged: by outcome, then cost)"));
            long ties = all.stream().filter(c -> c != winner && c.result().isPresent()
                    && c.lowerBound().equals(winner.lowerBound())).count();
            if (ties > 0 && winner.lowerBound().isPresent()) {
                b.append(", the cheapest of ").append(ties + 1).append(" tied");
            }
        }
        if (stoppedBy > 0) {
            b.append("; candidate ").append(stoppedBy).append(" reached the threshold with confidence, so the others"
                    + " were stopped early");
        }
        String budget = all.stream().filter(c -> c.reason().contains("budget"))
                .map(c -> String.valueOf(c.index())).collect(Collectors.joining(", "));
        if (!budget.isEmpty()) {
            b.append("; the budget stopped candidate").append(budget.contains(",") ? "s " : " ").append(budget);
        }
        return b.toString();
    }
}
