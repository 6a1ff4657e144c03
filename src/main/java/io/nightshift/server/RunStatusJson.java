package io.nightshift.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.event.Trigger;
import io.nightshift.runtime.service.ManagedRun;
import io.nightshift.runtime.service.RunBounds;
import io.nightshift.runtime.service.RunSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /pipelines/{id}}: status, the pipeline (the graph's name), current node, completed nodes, timings and the run directory; with holdout
 * judging, the last {@code satisfaction} and the last per suite; {@code simulated} is true when LLM stages are
 * answered without a model; {@code tokens}, {@code cost_usd} and {@code spend} (per stage and per provider) say
 * what its model calls spent; {@code budget} the bounds the submission set (a null field: the graph's, or none);
 * {@code candidates} and {@code candidate_winners}: each candidate of each stage that ran candidates, and the winner.
 * {@code trigger} what started it ({@link Trigger}: api, mcp, webhook, schedule).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunStatusJson(String id, String kind, String name, String pipeline, String status, String currentNode,
        List<String> completedNodes, Map<String, String> nodeStates, Instant createdAt, Instant startedAt,
        Instant finishedAt, long durationMs, Map<String, Long> stageDurationsMs, String failure,
        String runDirectory, int pendingQuestions, long lastEventId, Double satisfaction,
        Map<String, Double> satisfactionBySuite, boolean simulated, long tokens, double costUsd,
        boolean costComplete, io.nightshift.event.SpendReport spend, RunBounds budget,
        Map<String, List<io.nightshift.event.PipelineEvent.CandidateCompleted>> candidates,
        Map<String, Integer> candidateWinners, Trigger trigger) {

    static RunStatusJson of(ManagedRun run) {
        return of(run.snapshot(), run.submission().bounds(), run.submission().trigger());
    }

    static RunStatusJson of(RunSnapshot s, RunBounds budget, Trigger trigger) {
        return new RunStatusJson(s.id(), s.kind(), s.name(), s.pipeline(), s.state().wireName(), s.currentNode(),
                s.completedNodes(), s.nodeStates(), s.createdAt(), s.startedAt(), s.finishedAt(), s.durationMs(),
                s.stageDurationsMs(), s.failure(), s.runDirectory(), s.pendingQuestions(), s.lastEventSeq(),
                s.satisfaction(), s.satisfactionBySuite(), s.simulated(),
                s.spend().total().tokens(), s.spend().total().costUsd(),
                s.spend().total().costKnown(), s.spend(), budget, s.candidates(), s.candidateWinners(), trigger);
    }
}
