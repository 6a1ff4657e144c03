package io.nightshift.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * Everything a run reports (attractor-spec 9.6), one record per kind. Every event carries its envelope as its
 * first three fields: {@code run_id}, {@code seq} (1, 2, 3 ... per run, continuing across resumes) and
 * {@code timestamp} (ISO-8601). Serialised with Jackson as a flat object with a snake_case {@code type} and
 * snake_case field names, e.g. {@code {"type":"stage_started","run_id":"r1","seq":4,...,"node_id":"plan"}}.
 * Every Started has exactly one matching Completed or Failed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PipelineEvent.PipelineStarted.class, name = "pipeline_started"),
    @JsonSubTypes.Type(value = PipelineEvent.PipelineResumed.class, name = "pipeline_resumed"),
    @JsonSubTypes.Type(value = PipelineEvent.PipelineCompleted.class, name = "pipeline_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.PipelineFailed.class, name = "pipeline_failed"),
    @JsonSubTypes.Type(value = PipelineEvent.PipelineCancelled.class, name = "pipeline_cancelled"),
    @JsonSubTypes.Type(value = PipelineEvent.PipelineBudgetExhausted.class, name = "pipeline_budget_exhausted"),
    @JsonSubTypes.Type(value = PipelineEvent.PipelineStalled.class, name = "pipeline_stalled"),
    @JsonSubTypes.Type(value = PipelineEvent.ModelCallCompleted.class, name = "model_call_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.LoopRestarted.class, name = "loop_restarted"),
    @JsonSubTypes.Type(value = PipelineEvent.StageStarted.class, name = "stage_started"),
    @JsonSubTypes.Type(value = PipelineEvent.StageCompleted.class, name = "stage_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.StageFailed.class, name = "stage_failed"),
    @JsonSubTypes.Type(value = PipelineEvent.StageRetrying.class, name = "stage_retrying"),
    @JsonSubTypes.Type(value = PipelineEvent.EdgeSelected.class, name = "edge_selected"),
    @JsonSubTypes.Type(value = PipelineEvent.ParallelStarted.class, name = "parallel_started"),
    @JsonSubTypes.Type(value = PipelineEvent.ParallelBranchStarted.class, name = "parallel_branch_started"),
    @JsonSubTypes.Type(value = PipelineEvent.ParallelBranchCompleted.class, name = "parallel_branch_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.ParallelCompleted.class, name = "parallel_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.InterviewStarted.class, name = "interview_started"),
    @JsonSubTypes.Type(value = PipelineEvent.InterviewCompleted.class, name = "interview_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.InterviewTimeout.class, name = "interview_timeout"),
    @JsonSubTypes.Type(value = PipelineEvent.CheckpointSaved.class, name = "checkpoint_saved"),
    @JsonSubTypes.Type(value = PipelineEvent.AgentActivity.class, name = "agent_event"),
    @JsonSubTypes.Type(value = PipelineEvent.HarnessStarted.class, name = "harness_started"),
    @JsonSubTypes.Type(value = PipelineEvent.ScenarioJudged.class, name = "scenario_judged"),
    @JsonSubTypes.Type(value = PipelineEvent.HarnessCompleted.class, name = "harness_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.CandidateStarted.class, name = "candidate_started"),
    @JsonSubTypes.Type(value = PipelineEvent.CandidateCompleted.class, name = "candidate_completed"),
    @JsonSubTypes.Type(value = PipelineEvent.CandidatesDecided.class, name = "candidates_decided")
})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public sealed interface PipelineEvent {

    String runId();

    long seq();

    Instant timestamp();

    /**
     * The run begins: {@code name} is the graph id, {@code logs_root} its run directory, {@code trigger} what
     * started it (left out when unknown, as for runs the engine is given directly).
     */
    record PipelineStarted(String runId, long seq, Instant timestamp, String name, String goal, String logsRoot,
            @JsonInclude(JsonInclude.Include.NON_NULL) Trigger trigger) implements PipelineEvent {

        public PipelineStarted(String runId, long seq, Instant timestamp, String name, String goal, String logsRoot) {
            this(runId, seq, timestamp, name, goal, logsRoot, null);
        }
    }

    /** A run continues from its checkpoint after {@code from_node}; {@code next_node} runs first. */
    record PipelineResumed(String runId, long seq, Instant timestamp, String name, String logsRoot, String fromNode,
            String nextNode) implements PipelineEvent {
    }

    record PipelineCompleted(String runId, long seq, Instant timestamp, long durationMs, int artifactCount,
            int completedNodes) implements PipelineEvent {
    }

    /** The run ended with a failure; {@code node_id} is the stage that caused it, empty when none did. */
    record PipelineFailed(String runId, long seq, Instant timestamp, String error, String nodeId, long durationMs)
            implements PipelineEvent {
    }

    record PipelineCancelled(String runId, long seq, Instant timestamp, String reason, String nodeId,
            long durationMs) implements PipelineEvent {
    }

    /**
     * The run ended because a budget was reached ({@code reason} says which); {@code node_id} is the stage that
     * was stopped after its model call. {@code tokens} and {@code cost_usd} are the run's spend; resume it with a
     * larger budget.
     */
    record PipelineBudgetExhausted(String runId, long seq, Instant timestamp, String reason, String nodeId,
            long durationMs, long tokens, double costUsd) implements PipelineEvent {
    }

    /** The stage {@code node_id} reported no progress for the stall timeout and was stopped. */
    record PipelineStalled(String runId, long seq, Instant timestamp, String reason, String nodeId,
            long durationMs) implements PipelineEvent {
    }

    /**
     * One model call of stage {@code node_id} finished: its billed tokens ({@code tokens} = input, cached input
     * included, plus output), its cost ({@code cost_usd} null when the model has no known price), and the running
     * totals of the stage and the run ({@code *_cost_complete} false once an unpriced call is among them).
     */
    record ModelCallCompleted(String runId, long seq, Instant timestamp, String nodeId, String provider,
            String model, long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens,
            long tokens, Double costUsd, long stageTokens, double stageCostUsd, long runTokens, double runCostUsd,
            boolean runCostComplete) implements PipelineEvent {
    }

    /** An edge with {@code loop_restart=true} ends this run directory; the run goes on in {@code new_logs_root}. */
    record LoopRestarted(String runId, long seq, Instant timestamp, String fromNode, String targetNode,
            String newLogsRoot) implements PipelineEvent {
    }

    /** {@code index} counts stage executions of the run from 1; {@code attempt} counts tries of this stage. */
    record StageStarted(String runId, long seq, Instant timestamp, String nodeId, String label, String handlerType,
            int index, int attempt) implements PipelineEvent {
    }

    /** The stage finished with success, partial_success or skipped ({@code status}). */
    record StageCompleted(String runId, long seq, Instant timestamp, String nodeId, String label,
            String handlerType, int index, int attempt, long durationMs, String status, String notes)
            implements PipelineEvent {
    }

    /** The attempt ended with fail or retry ({@code status}); {@code will_retry} tells whether another follows. */
    record StageFailed(String runId, long seq, Instant timestamp, String nodeId, String label, String handlerType,
            int index, int attempt, long durationMs, String status, String error, boolean willRetry)
            implements PipelineEvent {
    }

    /** Attempt {@code attempt} starts after {@code delay_ms}. */
    record StageRetrying(String runId, long seq, Instant timestamp, String nodeId, String label,
            String handlerType, int index, int attempt, long delayMs) implements PipelineEvent {
    }

    /** Routing decided: {@code to_node} follows {@code from_node}; {@code reason} names the rule that chose it. */
    record EdgeSelected(String runId, long seq, Instant timestamp, String fromNode, String toNode, String label,
            String reason) implements PipelineEvent {
    }

    record ParallelStarted(String runId, long seq, Instant timestamp, String nodeId, int branchCount,
            String joinPolicy) implements PipelineEvent {
    }

    record ParallelBranchStarted(String runId, long seq, Instant timestamp, String nodeId, String branch,
            int index) implements PipelineEvent {
    }

    record ParallelBranchCompleted(String runId, long seq, Instant timestamp, String nodeId, String branch,
            int index, long durationMs, boolean success, String status) implements PipelineEvent {
    }

    record ParallelCompleted(String runId, long seq, Instant timestamp, String nodeId, long durationMs,
            int successCount, int failureCount) implements PipelineEvent {
    }

    record InterviewStarted(String runId, long seq, Instant timestamp, String nodeId, String questionId,
            String question, java.util.List<String> options) implements PipelineEvent {
    }

    record InterviewCompleted(String runId, long seq, Instant timestamp, String nodeId, String questionId,
            String question, String answer, long durationMs) implements PipelineEvent {
    }

    record InterviewTimeout(String runId, long seq, Instant timestamp, String nodeId, String questionId,
            String question, long durationMs) implements PipelineEvent {
    }

    /** {@code checkpoint.json} now records {@code node_id} as the last completed stage. */
    record CheckpointSaved(String runId, long seq, Instant timestamp, String nodeId) implements PipelineEvent {
    }

    /**
     * What the agent of a codergen stage did (coding-agent spec 2.9), carried in the run's one ordered stream.
     * {@code event} is the agent event as JSON, with its own {@code type} as the spec names it
     * ({@code TOOL_CALL_START}, {@code SESSION_END}, ...).
     */
    record AgentActivity(String runId, long seq, Instant timestamp, String nodeId,
            com.fasterxml.jackson.databind.JsonNode event) implements PipelineEvent {
    }

    /**
     * Holdout judging of the stage {@code node_id} begins: {@code suite} at {@code version} judges the workspace
     * snapshot {@code commit}, {@code scenarios} scenarios {@code trials} times each. {@code round} is 0 for a
     * harness node and counts the rounds of a codergen stage judged in place (1, 2, ...). Like every harness
     * event it carries only what the suite's disclosure level lets out.
     */
    record HarnessStarted(String runId, long seq, Instant timestamp, String nodeId, String suite, String version,
            String commit, int scenarios, int trials, int round) implements PipelineEvent {
    }

    /**
     * One scenario of a judgment, as disclosed: {@code label} always; {@code title}, {@code story},
     * {@code failed_kind} and {@code observed} from the {@code hints} level; {@code step} and {@code expected} only
     * at {@code full}. Absent fields are null.
     */
    record ScenarioJudged(String runId, long seq, Instant timestamp, String nodeId, String suite, int index,
            String label, String title, String story, int satisfiedTrials, int trials, String failedKind,
            String observed, String step, String expected) implements PipelineEvent {
    }

    /**
     * The judgment ended: {@code satisfaction} = satisfied trials / all trials, {@code reached} when it is at least
     * {@code threshold}. {@code judgment} numbers the file {@code harness/<judgment>.json} of the run directory;
     * {@code feedback} is the disclosed text handed to the agents.
     */
    record HarnessCompleted(String runId, long seq, Instant timestamp, String nodeId, String suite, String version,
            String commit, int round, int judgment, int satisfiedTrials, int totalTrials, double satisfaction,
            double threshold, boolean reached, String feedback, long durationMs) implements PipelineEvent {
    }

    /**
     * Candidate {@code index} (1-based) of {@code count} of the codergen stage {@code node_id} begins in its own
     * worktree and sandbox; {@code llm_provider} and {@code llm_model} are what it runs with (empty: the stage's).
     */
    record CandidateStarted(String runId, long seq, Instant timestamp, String nodeId, int index, int count,
            String llmProvider, String llmModel) implements PipelineEvent {
    }

    /**
     * A candidate ended. {@code status} is its stage outcome ({@code success}, {@code fail}, ...) or
     * {@code stopped} (cancelled by an early stop) or {@code not_started} (the budget was spent or another candidate
     * had already won). {@code satisfaction} and {@code satisfaction_lower} (the lower confidence bound) are null
     * when it was never judged; {@code spend} is what its model calls cost; {@code commit} is where its work ends
     * and {@code ref} the side ref that keeps it ({@code refs/nightshift/<run>/candidates/<n>}); {@code reason} says
     * why it failed or stopped.
     */
    record CandidateCompleted(String runId, long seq, Instant timestamp, String nodeId, int index, String status,
            Double satisfaction, Double satisfactionLower, Spend spend, String commit, String ref, String reason)
            implements PipelineEvent {
    }

    /**
     * The stage chose candidate {@code winner} (0 when none could be chosen): the highest lower confidence bound of
     * satisfaction, ties broken by cost. {@code early_stop} says whether a candidate's confident pass stopped the
     * others; {@code reason} says how the choice was made.
     */
    record CandidatesDecided(String runId, long seq, Instant timestamp, String nodeId, int winner, int count,
            boolean earlyStop, String reason) implements PipelineEvent {
    }
}
