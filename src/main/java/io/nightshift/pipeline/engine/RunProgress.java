package io.nightshift.pipeline.engine;

import io.nightshift.pipeline.graph.Graph;
import io.nightshift.pipeline.graph.Node;
import io.nightshift.pipeline.handler.ParallelHandler;
import io.nightshift.pipeline.handler.RunSoFar;
import io.nightshift.pipeline.run.Checkpoint;
import io.nightshift.pipeline.run.NodeOutcome;
import io.nightshift.pipeline.state.Context;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a run has done so far, as the checkpoint records it (attractor-spec 5.3): completed nodes in order, retry
 * counters, the latest status per node, the last completed node and its outcome. Thread-safe reads for observers.
 */
final class RunProgress {

    final List<String> completed = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Integer> retries = new ConcurrentHashMap<>();
    final AtomicInteger stageIndex = new AtomicInteger();
    private final Map<String, String> outcomes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, NodeOutcome> details = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String lastNode = "";
    private volatile Outcome lastOutcome;

    /**
     * Records a completed stage and applies its outcome to the context (attractor-spec 3.2 steps 3 and 4). Only
     * stages that did not plainly succeed get a run-log line: the completed list already says the rest, and a
     * line per stage would make every checkpoint grow with the run.
     */
    void record(Node node, Outcome outcome, Context context) {
        completed.add(node.id());
        context.applyUpdates(outcome.contextUpdates());
        if (outcome.status() != StageStatus.SKIPPED) {
            outcomes.put(node.id(), outcome.status().wireName());
            details.put(node.id(), NodeOutcome.of(outcome));
            context.set("outcome", outcome.status().wireName());
            if (!outcome.preferredLabel().isEmpty()) {
                context.set("preferred_label", outcome.preferredLabel());
            }
        }
        if (outcome.status() != StageStatus.SUCCESS) {
            context.appendLog(node.id() + ": " + outcome.status().wireName()
                    + (outcome.failureReason().isEmpty() ? "" : ": " + outcome.failureReason()));
        }
        lastNode = node.id();
        lastOutcome = outcome;
    }

    /**
     * Records a stage a parallel branch ran (on the branch's thread): it joins {@code completed_nodes} and
     * {@code node_outcomes}, as other implementations record branches; the branch's context stays its own.
     */
    void recordBranchStage(Node node, Outcome outcome) {
        completed.add(node.id());
        if (outcome.status() != StageStatus.SKIPPED) {
            outcomes.put(node.id(), outcome.status().wireName());
            details.put(node.id(), NodeOutcome.of(outcome));
        }
    }

    void clear() {
        completed.clear();
        retries.clear();
        outcomes.clear();
        details.clear();
        lastNode = "";
        lastOutcome = null;
    }

    /** Restores everything but the context from a checkpoint. */
    void restore(Checkpoint cp) {
        completed.addAll(cp.completedNodes());
        retries.putAll(cp.nodeRetries());
        cp.nodeOutcomes().forEach((id, o) -> {
            outcomes.put(id, o.status());
            details.put(id, o);
        });
        stageIndex.set(cp.stageIndex());
        lastNode = cp.currentNode();
        lastOutcome = cp.currentNode().isEmpty() ? null : outcomeFrom(cp);
    }

    String lastNode() {
        return lastNode;
    }

    Outcome lastOutcome() {
        return lastOutcome;
    }

    String statusOf(String nodeId) {
        return outcomes.get(nodeId);
    }

    Map<String, String> outcomes() {
        synchronized (outcomes) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        }
    }

    /** A live read-only view for stage calls; each {@code outcomes()} call takes a snapshot. */
    RunSoFar soFar(String runId) {
        RunProgress progress = this;
        return new RunSoFar() {
            @Override
            public String runId() {
                return runId;
            }

            @Override
            public Map<String, String> outcomes() {
                return progress.outcomes();
            }
        };
    }

    /** The first visited goal gate whose latest status is not a success (attractor-spec 3.4), or null. */
    Node unsatisfiedGoalGate(Graph graph) {
        for (Map.Entry<String, String> e : outcomes().entrySet()) {
            Optional<Node> n = graph.node(e.getKey());
            if (n.isPresent() && n.get().goalGate() && !StageStatus.fromWire(e.getValue()).isSuccess()) {
                return n.get();
            }
        }
        return null;
    }

    Checkpoint checkpoint(String timestamp, Context context, String status,
            io.nightshift.event.SpendReport spend, String resumeNode) {
        Map<String, NodeOutcome> recorded;
        synchronized (details) {
            recorded = new LinkedHashMap<>(details);
        }
        List<String> done;
        synchronized (completed) {
            done = List.copyOf(completed);
        }
        return new Checkpoint(timestamp, lastNode, done, new LinkedHashMap<>(retries), recorded,
                context.snapshot(), context.logs(), outcomeMap(lastOutcome), status, stageIndex.get(), spend,
                resumeNode);
    }

    /** The routing-relevant fields of an outcome, as {@code last_outcome} stores them. */
    private static Map<String, Object> outcomeMap(Outcome o) {
        if (o == null) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", o.status().wireName());
        m.put("preferred_label", o.preferredLabel());
        m.put("suggested_next_ids", o.suggestedNextIds());
        m.put("notes", o.notes());
        m.put("failure_reason", o.failureReason());
        Object join = o.contextUpdates().get(ParallelHandler.JOIN_NODE_KEY);
        if (join != null) {
            m.put("context_updates", Map.of(ParallelHandler.JOIN_NODE_KEY, join));
        }
        return m;
    }

    private static Outcome outcomeFrom(Checkpoint cp) {
        Map<String, Object> m = cp.lastOutcome();
        String status = m.containsKey("outcome") ? String.valueOf(m.get("outcome"))
                : cp.nodeOutcomes().getOrDefault(cp.currentNode(), NodeOutcome.ofStatus("success")).status();
        List<String> next = new ArrayList<>();
        if (m.get("suggested_next_ids") instanceof List<?> l) {
            l.forEach(x -> next.add(String.valueOf(x)));
        }
        Map<String, Object> updates = new LinkedHashMap<>();
        if (m.get("context_updates") instanceof Map<?, ?> cu) {
            cu.forEach((k, v) -> updates.put(String.valueOf(k), v));
        }
        return new Outcome(StageStatus.fromWire(status), String.valueOf(m.getOrDefault("preferred_label", "")), next,
                updates, String.valueOf(m.getOrDefault("notes", "")),
                String.valueOf(m.getOrDefault("failure_reason", "")));
    }
}
