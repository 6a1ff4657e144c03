package io.nightshift.pipeline.engine;

import io.nightshift.event.EventSink;
import io.nightshift.event.PipelineEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps every event; {@link #trace()} renders them as {@code type:node} strings for whole-sequence asserts. */
public final class RecordingSink implements EventSink {

    private final List<PipelineEvent> events = new ArrayList<>();
    private final Consumer<PipelineEvent> onEvent;

    public RecordingSink() {
        this(e -> { });
    }

    public RecordingSink(Consumer<PipelineEvent> onEvent) {
        this.onEvent = onEvent;
    }

    @Override
    public synchronized void accept(PipelineEvent event) {
        events.add(event);
        onEvent.accept(event);
    }

    public synchronized List<PipelineEvent> events() {
        return List.copyOf(events);
    }

    public synchronized <T extends PipelineEvent> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Stage and routing events as {@code stage_started:plan}, {@code edge_selected:plan>review} ... */
    public synchronized List<String> trace() {
        return events.stream().map(RecordingSink::describe).toList();
    }

    public static String describe(PipelineEvent e) {
        return switch (e) {
            case PipelineEvent.PipelineStarted x -> "pipeline_started";
            case PipelineEvent.PipelineResumed x -> "pipeline_resumed:" + x.fromNode() + ">" + x.nextNode();
            case PipelineEvent.PipelineCompleted x -> "pipeline_completed";
            case PipelineEvent.PipelineFailed x -> "pipeline_failed:" + x.nodeId();
            case PipelineEvent.PipelineCancelled x -> "pipeline_cancelled:" + x.nodeId();
            case PipelineEvent.PipelineBudgetExhausted x -> "pipeline_budget_exhausted:" + x.nodeId();
            case PipelineEvent.PipelineStalled x -> "pipeline_stalled:" + x.nodeId();
            case PipelineEvent.ModelCallCompleted x -> "model_call_completed:" + x.nodeId();
            case PipelineEvent.LoopRestarted x -> "loop_restarted:" + x.fromNode() + ">" + x.targetNode();
            case PipelineEvent.StageStarted x -> "stage_started:" + x.nodeId();
            case PipelineEvent.StageCompleted x -> "stage_completed:" + x.nodeId() + ":" + x.status();
            case PipelineEvent.StageFailed x -> "stage_failed:" + x.nodeId() + ":" + x.status()
                    + (x.willRetry() ? ":will_retry" : "");
            case PipelineEvent.StageRetrying x -> "stage_retrying:" + x.nodeId() + ":" + x.attempt();
            case PipelineEvent.EdgeSelected x -> "edge_selected:" + x.fromNode() + ">" + x.toNode() + ":" + x.reason();
            case PipelineEvent.ParallelStarted x -> "parallel_started:" + x.nodeId() + ":" + x.branchCount();
            case PipelineEvent.ParallelBranchStarted x -> "parallel_branch_started:" + x.branch();
            case PipelineEvent.ParallelBranchCompleted x -> "parallel_branch_completed:" + x.branch() + ":"
                    + x.status();
            case PipelineEvent.ParallelCompleted x -> "parallel_completed:" + x.nodeId();
            case PipelineEvent.InterviewStarted x -> "interview_started:" + x.nodeId();
            case PipelineEvent.InterviewCompleted x -> "interview_completed:" + x.nodeId() + ":" + x.answer();
            case PipelineEvent.InterviewTimeout x -> "interview_timeout:" + x.nodeId();
            case PipelineEvent.CheckpointSaved x -> "checkpoint_saved:" + x.nodeId();
            case PipelineEvent.AgentActivity x -> "agent_event:" + x.nodeId() + ":" + x.event().path("type").asText();
            case PipelineEvent.HarnessStarted x -> "harness_started:" + x.nodeId() + ":" + x.suite();
            case PipelineEvent.ScenarioJudged x -> "scenario_judged:" + x.nodeId() + ":" + x.label();
            case PipelineEvent.HarnessCompleted x -> "harness_completed:" + x.nodeId() + ":" + x.satisfaction();
            case PipelineEvent.CandidateStarted x -> "candidate_started:" + x.nodeId() + ":" + x.index();
            case PipelineEvent.CandidateCompleted x -> "candidate_completed:" + x.nodeId() + ":" + x.index() + ":"
                    + x.status();
            case PipelineEvent.CandidatesDecided x -> "candidates_decided:" + x.nodeId() + ":" + x.winner();
        };
    }
}
