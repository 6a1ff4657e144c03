package io.nightshift.runtime.service;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import io.nightshift.pipeline.run.Json;
import io.nightshift.runtime.RunLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the service: its directory, its submission, its live state, its event history and its questions.
 * It is the engine's event sink for the run: every event updates the state, joins the history and goes on to the
 * publisher (the messaging channel). Thread-safe.
 */
public final class ManagedRun implements EventSink {

    private final String id;
    private final String pipeline;
    private final Path dir;
    private volatile RunSubmission submission;
    private final Instant createdAt;
    private final EventHistory history;
    private final QuestionBroker questions;
    private final EventSink publisher;

    private RunState state;
    private String currentNode = "";
    private final List<String> completed = new ArrayList<>();
    private final Map<String, String> nodeStates = new LinkedHashMap<>();
    private final Map<String, Long> stageDurations = new LinkedHashMap<>();
    private final Map<String, Map<Integer, PipelineEvent.CandidateCompleted>> candidates = new LinkedHashMap<>();
    private final Map<String, Integer> candidateWinners = new LinkedHashMap<>();
    private Instant startedAt;
    private Instant finishedAt;
    private String failure = "";
    private Double satisfaction;
    private final Map<String, Double> satisfactionBySuite = new LinkedHashMap<>();
    private final RunSpend spend = new RunSpend();
    private volatile RunLauncher launcher;
    private volatile boolean cancelRequested;
    private volatile boolean executing;

    ManagedRun(String id, Path dir, RunSubmission submission, Instant createdAt, RunState state,
            EventHistory history, EventSink publisher) {
        this.id = id;
        this.dir = dir;
        this.submission = submission;
        this.pipeline = RunRegistry.graphName(submission.dot());
        this.createdAt = createdAt;
        this.state = state;
        this.history = history;
        this.publisher = publisher;
        this.questions = new QuestionBroker(id);
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    public RunSubmission submission() {
        return submission;
    }

    /** A resume with raised bounds: the run continues under {@code raised}. */
    void rebound(RunSubmission raised) {
        submission = raised;
    }

    public EventHistory history() {
        return history;
    }

    public QuestionBroker questions() {
        return questions;
    }

    public synchronized RunState state() {
        if (state == RunState.RUNNING && !questions.pending().isEmpty()) {
            return RunState.WAITING;
        }
        return state;
    }

    public synchronized RunSnapshot snapshot() {
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        long ms = startedAt == null ? 0 : Duration.between(startedAt, end).toMillis();
        return new RunSnapshot(id, submission.kind(), submission.name(), pipeline, state(), currentNode,
                List.copyOf(completed), Map.copyOf(nodeStates), createdAt, startedAt, finishedAt, ms,
                Map.copyOf(stageDurations), failure, dir.toString(), questions.pending().size(), history.lastSeq(), satisfaction, Map.copyOf(satisfactionBySuite),
                submission.simulate(),
                spend.report(), candidateLists(), Map.copyOf(candidateWinners));
    }

    private Map<String, List<PipelineEvent.CandidateCompleted>> candidateLists() {
        Map<String, List<PipelineEvent.CandidateCompleted>> out = new LinkedHashMap<>();
        candidates.forEach((node, byIndex) -> out.put(node, List.copyOf(new java.util.TreeMap<>(byIndex).values())));
        return out;
    }

    @Override
    public void accept(PipelineEvent event) {
        onEvent(event);
        String json;
        try {
            json = Json.mapper().writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            json = "{\"seq\":" + event.seq() + ",\"type\":\"unserialisable\"}";
        }
        history.append(new EventHistory.Entry(event.seq(), typeOf(json), event.timestamp(), json));
        try {
            publisher.accept(event);
        } catch (RuntimeException ignored) {
            // sinks must never throw into the engine; a publisher failure only loses the broker copy
        }
    }

    private static String typeOf(String json) {
        int i = json.indexOf("\"type\":\"");
        if (i < 0) {
            return "";
        }
        int start = i + 8;
        return json.substring(start, json.indexOf('"', start));
    }

    private synchronized void onEvent(PipelineEvent event) {
        switch (event) {
            case PipelineEvent.PipelineStarted e -> started(e.timestamp());
            case PipelineEvent.PipelineResumed e -> started(e.timestamp());
            // The run is over only when the launcher returns (deliverables are written after the engine ends):
            // finish() makes the state terminal.
            case PipelineEvent.PipelineCompleted e -> { }
            case PipelineEvent.PipelineFailed e -> failure = e.error() == null ? "" : e.error();
            case PipelineEvent.PipelineCancelled e -> failure = e.reason() == null ? "" : e.reason();
            case PipelineEvent.PipelineBudgetExhausted e -> failure = e.reason() == null ? "" : e.reason();
            case PipelineEvent.PipelineStalled e -> failure = e.reason() == null ? "" : e.reason();
            case PipelineEvent.ModelCallCompleted e -> spend.add(e);
            case PipelineEvent.StageStarted e -> {
                currentNode = e.nodeId();
                nodeStates.put(e.nodeId(), "running");
            }
            case PipelineEvent.StageCompleted e -> {
                completed.add(e.nodeId());
                nodeStates.put(e.nodeId(), "succeeded");
                stageDurations.put(e.nodeId(), e.durationMs());
            }
            case PipelineEvent.StageFailed e -> {
                nodeStates.put(e.nodeId(), e.willRetry() ? "running" : "failed");
                stageDurations.put(e.nodeId(), e.durationMs());
            }
            case PipelineEvent.InterviewStarted e -> nodeStates.put(e.nodeId(), "waiting");
            case PipelineEvent.InterviewCompleted e -> nodeStates.put(e.nodeId(), "running");
            case PipelineEvent.InterviewTimeout e -> nodeStates.put(e.nodeId(), "running");
            case PipelineEvent.LoopRestarted e -> completed.clear();
            case PipelineEvent.StageRetrying e -> nodeStates.put(e.nodeId(), "running");
            case PipelineEvent.EdgeSelected e -> { }
            case PipelineEvent.ParallelStarted e -> { }
            case PipelineEvent.ParallelBranchStarted e -> { }
            case PipelineEvent.ParallelBranchCompleted e -> { }
            case PipelineEvent.ParallelCompleted e -> { }
            case PipelineEvent.CheckpointSaved e -> { }
            case PipelineEvent.AgentActivity e -> { }
            case PipelineEvent.HarnessStarted e -> { }
            case PipelineEvent.ScenarioJudged e -> { }
            case PipelineEvent.HarnessCompleted e -> judged(e.suite(), e.satisfaction());
            case PipelineEvent.CandidateStarted e -> { }
            case PipelineEvent.CandidateCompleted e -> {
                // a node that runs again (a retry, a loop) shows its latest candidates
                if (candidates.containsKey(e.nodeId()) && candidateWinners.containsKey(e.nodeId())) {
                    candidates.remove(e.nodeId());
                    candidateWinners.remove(e.nodeId());
                }
                candidates.computeIfAbsent(e.nodeId(), k -> new LinkedHashMap<>()).put(e.index(), e);
            }
            case PipelineEvent.CandidatesDecided e -> candidateWinners.put(e.nodeId(), e.winner());
        }
        if (event instanceof PipelineEvent.PipelineStarted && cancelRequested && launcher != null) {
            launcher.cancel("cancelled over HTTP");
        }
    }

    /** A holdout judgment ended (live, or read back from events.jsonl when the service recovers the run). */
    synchronized void judged(String suite, double value) {
        satisfaction = value;
        satisfactionBySuite.put(suite, value);
    }

    private void started(Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
        state = RunState.RUNNING;
        finishedAt = null;
        failure = "";
    }

    private void end(RunState terminal, Instant at, String why) {
        state = terminal;
        finishedAt = at;
        failure = why == null ? "" : why;
        if (terminal == RunState.SUCCEEDED) {
            currentNode = "";
        }
    }

    /** The engine returned: make sure the state is terminal and readers see the end of the stream. */
    void finish(RunResult result) {
        synchronized (this) {
            if (!state.terminal()) {
                end(switch (result.status()) {
                    case SUCCESS -> RunState.SUCCEEDED;
                    case FAIL -> RunState.FAILED;
                    case CANCELLED -> RunState.CANCELLED;
                    case BUDGET_EXHAUSTED -> RunState.BUDGET_EXHAUSTED;
                    case STALLED -> RunState.STALLED;
                }, Instant.now(), result.failureReason());
            }
            spend.replace(result.spend());
            launcher = null;
        }
        history.close();
    }

    /** A worker reported the run's end (issue 18): it is over, and its readers see the end of the stream. */
    void endRemote(RunState terminal, String why) {
        synchronized (this) {
            end(terminal, Instant.now(), why);
            launcher = null;
        }
        history.close();
    }

    /** The run could not start or died outside the engine. */
    void fail(String why) {
        synchronized (this) {
            end(RunState.FAILED, Instant.now(), why);
            launcher = null;
        }
        history.close();
    }

    synchronized void queued(RunLauncher newLauncher) {
        state = RunState.QUEUED;
        launcher = newLauncher;
        cancelRequested = false;
        history.reopen();
    }

    /** Restores what a recovered run's files say. */
    synchronized void restore(RunState restored, String current, List<String> done, Map<String, Long> durations,
            Instant started, Instant finished, String why) {
        stageDurations.putAll(durations);
        state = restored;
        currentNode = current == null ? "" : current;
        completed.clear();
        completed.addAll(done);
        done.forEach(n -> nodeStates.put(n, "succeeded"));
        startedAt = started;
        finishedAt = finished;
        failure = why == null ? "" : why;
    }

    /** A recovered run the queue says ended before its engine could record it (cancelled while queued ...). */
    synchronized void endRecovered(RunState terminal, String why) {
        end(terminal, finishedAt != null ? finishedAt : Instant.now(), why);
    }

    /** Asks the run to stop; a queued run never starts. Returns false when the run had already ended. */
    boolean requestCancel() {
        RunLauncher current;
        synchronized (this) {
            if (state.terminal()) {
                return false;
            }
            cancelRequested = true;
            current = launcher;
            if (state == RunState.QUEUED) {
                end(RunState.CANCELLED, Instant.now(), "cancelled before it started");
                history.close();
                return true;
            }
        }
        if (current != null) {
            current.cancel("cancelled over HTTP");
        }
        return true;
    }

    /** A worker is running it (between admission and the end of its launcher). */
    void executing(boolean now) {
        executing = now;
    }

    boolean isExecuting() {
        return executing;
    }

    synchronized boolean cancelRequested() {
        return cancelRequested;
    }
}
