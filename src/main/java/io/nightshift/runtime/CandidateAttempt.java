package io.nightshift.runtime;

import io.nightshift.event.Spend;
import io.nightshift.pipeline.handler.CodergenResult;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import io.nightshift.runtime.agent.HarnessFeedback;
import io.nightshift.runtime.harness.InStageJudge;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What came of one candidate: its result (absent when it never finished: not started, stopped early, crashed),
 * why it has none, and, once its worktree is closed, what it spent, the commit it ended at and its side ref.
 */
record CandidateAttempt(int index, String provider, String model, Optional<CodergenResult> result, String status,
        String reason, Spend spend, String commit, String ref) {

    static CandidateAttempt finished(int index, String provider, String model, CodergenResult result) {
        return new CandidateAttempt(index, provider, model, Optional.of(result), outcome(result).status().wireName(),
                outcome(result).status() == StageStatus.FAIL ? outcome(result).failureReason() : "", Spend.ZERO, "",
                "");
    }

    static CandidateAttempt without(int index, String provider, String model, String status, String reason) {
        return new CandidateAttempt(index, provider, model, Optional.empty(), status, reason, Spend.ZERO, "", "");
    }

    CandidateAttempt closed(Outcome committed, Spend spent, String head, String sideRef) {
        Optional<CodergenResult> kept = result;
        String st = status;
        String why = reason;
        if (result.isPresent() && committed.status() == StageStatus.FAIL && outcome().status() != StageStatus.FAIL) {
            // the stage commit refused it (protected paths): it stays a candidate that failed
            kept = Optional.of(CodergenResult.status(committed.withContextUpdates(outcome().contextUpdates())));
            st = StageStatus.FAIL.wireName();
            why = committed.failureReason();
        }
        return new CandidateAttempt(index, provider, model, kept, st, why, spent, head, sideRef);
    }

    /** The outcome the candidate's stage would have had alone. */
    Outcome outcome() {
        return result.map(CandidateAttempt::outcome).orElseGet(() -> Outcome.fail(reason));
    }

    private static Outcome outcome(CodergenResult r) {
        return r.outcome().orElseGet(Outcome::success);
    }

    Optional<Double> satisfaction() {
        return number(HarnessFeedback.SATISFACTION_KEY);
    }

    Optional<Double> lowerBound() {
        return number(InStageJudge.LOWER_KEY);
    }

    /** Its lower bound reached the threshold its judgment was decided against. */
    boolean confident() {
        Optional<Double> threshold = number(InStageJudge.THRESHOLD_KEY);
        return lowerBound().isPresent() && threshold.isPresent() && lowerBound().get() >= threshold.get();
    }

    boolean satisfied() {
        return result.isPresent() && Boolean.TRUE.equals(outcome().contextUpdates().get(HarnessFeedback.SATISFIED_KEY));
    }

    private Optional<Double> number(String key) {
        if (result.isEmpty()) {
            return Optional.empty();
        }
        return outcome().contextUpdates().get(key) instanceof Number n ? Optional.of(n.doubleValue())
                : Optional.empty();
    }

    /** Its entry in the stage's {@code candidates.results}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("status", status);
        m.put("llm_provider", provider);
        m.put("llm_model", model);
        satisfaction().ifPresent(s -> m.put("satisfaction", s));
        lowerBound().ifPresent(s -> m.put("satisfaction_lower", s));
        m.put("tokens", spend.tokens());
        m.put("cost_usd", spend.costUsd());
        m.put("commit", commit);
        m.put("ref", ref);
        if (!reason.isEmpty()) {
            m.put("reason", reason);
        }
        return m;
    }
}
