package io.nightshift.runtime.harness;

import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.JudgeListener;
import java.util.Optional;
import java.util.Set;

/**
 * The one thing runs ask of holdout scenarios: judge this snapshot against that suite and say, in disclosed form
 * only, how satisfied the scenarios are. The real implementation loads the suite from the isolated store, judges
 * {@link HarnessCall#commit()} in judge containers, keeps the full record in the store and returns what the
 * suite's disclosure level lets out.
 *
 * <p>Contract: called on a stage's thread, possibly concurrently (parallel branches). Report progress through the
 * listener ({@code started} once, then {@code scenarioJudged} per scenario); only disclosed content may pass.
 * When the run is cancelled or the stage times out, the calling thread is interrupted and
 * {@link HarnessCall#cancellation()} is cancelled: stop promptly, remove the judge containers and throw
 * {@link InterruptedException}. Any other failure (unknown suite, store unreachable ...) is an exception whose
 * message says what went wrong and how to fix it; it fails the stage with that message.
 */
@FunctionalInterface
public interface HarnessGateway {

    DisclosedJudgment judge(HarnessCall call, JudgeListener listener) throws Exception;

    /**
     * Why runs judging against {@code suites} cannot be judged at all (no store, unknown suite), asked before a run
     * starts so that it fails in a second rather than after an hour of agent work; empty when they can.
     */
    default Optional<String> refusal(Set<String> suites) {
        return Optional.empty();
    }

    /** A gateway that refuses every judgment with {@code reason}: runs with holdout suites are refused up front. */
    static HarnessGateway unavailable(String reason) {
        return new Unavailable(reason);
    }

    /** The gateway of a build or configuration without a scenario store. */
    record Unavailable(String reason) implements HarnessGateway {

        /** What users read: {@code holdout judging is not available: <reason>}. */
        public String message() {
            return "holdout judging is not available: " + reason;
        }

        @Override
        public Optional<String> refusal(Set<String> suites) {
            return Optional.of(message());
        }

        @Override
        public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) {
            throw new HarnessUnavailableException(message());
        }
    }
}
