package io.nightshift.runtime.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A consistent picture of one run for status pages. {@code nodeStates} maps node id to {@code running},
 * {@code waiting}, {@code succeeded} or {@code failed}; times are null until they happen; {@code durationMs} is
 * the time since start (or until finish); {@code stageDurationsMs} is the last attempt's duration per stage.
 * {@code satisfaction} is the last holdout judgment's (null when nothing was judged), {@code satisfactionBySuite}
 * the last per suite. {@code simulated}: the run's LLM stages are answered without a model ({@code simulate}).
 * {@code spend} is what the run's model calls spent, in total, per stage and per provider. {@code candidates}: for
 * each stage that ran candidates, each candidate as it ended (status, satisfaction, lower bound, spend, commit, side
 * ref); {@code candidateWinners} the number of the one chosen (0: none), once chosen. {@code name} is what the
 * submission called the pipeline (a file name; null for DOT posted as is), {@code pipeline} the graph's own name.
 */
public record RunSnapshot(String id, String kind, String name, String pipeline, RunState state, String currentNode,
        List<String> completedNodes, Map<String, String> nodeStates, Instant createdAt, Instant startedAt,
        Instant finishedAt, long durationMs, Map<String, Long> stageDurationsMs, String failure, String runDirectory,
        int pendingQuestions, long lastEventSeq, Double satisfaction, Map<String, Double> satisfactionBySuite,
        boolean simulated, io.nightshift.event.SpendReport spend,
        Map<String, List<io.nightshift.event.PipelineEvent.CandidateCompleted>> candidates,
        Map<String, Integer> candidateWinners) {
}
