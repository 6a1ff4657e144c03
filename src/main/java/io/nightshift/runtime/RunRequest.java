package io.nightshift.runtime;

import io.nightshift.event.Trigger;
import io.nightshift.pipeline.budget.Budget;
import io.nightshift.runtime.delivery.PullRequestOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code nightshift run}, as the user asked for it.
 *
 * @param pipeline the DOT file; may be null when resuming (the manifest names it)
 * @param simulate use the simulation backend even when an LLM is configured
 * @param autoApprove answer every human gate with its first option
 * @param logsDir the run directory; null for {@code runs/<pipeline>-<time>} under the current directory
 * @param resumeDir the run directory to continue; null for a new run
 * @param settings {@code --set key=value} pairs, added to the run context
 * @param workspace the directory to work in as it is ({@code --workspace}); null for a fresh repository in
 *        {@code <run dir>/workspace}
 * @param sandbox {@code local} or {@code docker}; null for the default
 * @param repo a repository path or URL to clone into {@code <run dir>/workspace} ({@code --repo}); null for none
 * @param ref the branch, tag or commit the run branch starts from; null for the source's HEAD
 * @param allowDirty work in a {@code --workspace} repository with uncommitted changes
 * @param push push the run branch to a remote source at the end (never forced)
 * @param allowLocalHoldout judge against held-out scenarios although the sandbox is {@code local}
 * @param model the provider and model for LLM stages that name none (a job's {@code provider} and {@code model})
 * @param allowBackendChange resume with another LLM backend than the run started with (see RunBackendRecord)
 * @param budget {@code --max-tokens}, {@code --max-cost}, {@code --max-time}: each limit set wins over the graph's
 * @param stallTimeout {@code --stall-timeout}; null for the graph's {@code stall_timeout} or the default
 * @param pullRequest {@code --pull-request}: push the run branch and open or update its pull request; null for none
 *        (a resumed run takes what it started with from {@code delivery.json})
 * @param runId the engine's run id for a new run (the service's job id, so that one id names the job, its run
 *        directory, its events and its branch); null for a fresh one. A resumed run keeps its manifest's id.
 * @param trigger what started the run ({@code cli}, or the service's submission's), told in {@code pipeline_started}
 */
public record RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
        Map<String, String> settings, Path workspace, String sandbox, String repo, String ref, boolean allowDirty,
        boolean push, boolean allowLocalHoldout, ModelRequirement.ModelChoice model, boolean allowBackendChange,
        Budget budget, Duration stallTimeout, PullRequestOptions pullRequest, String runId, Trigger trigger) {

    public RunRequest {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        model = model == null ? ModelRequirement.ModelChoice.DEFAULT : model;
        budget = budget == null ? Budget.NONE : budget;
    }

    /** With a fresh run id, started from the command line. */
    public RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
            Map<String, String> settings, Path workspace, String sandbox, String repo, String ref, boolean allowDirty,
            boolean push, boolean allowLocalHoldout, ModelRequirement.ModelChoice model, boolean allowBackendChange,
            Budget budget, Duration stallTimeout, PullRequestOptions pullRequest) {
        this(pipeline, simulate, autoApprove, logsDir, resumeDir, settings, workspace, sandbox, repo, ref, allowDirty,
                push, allowLocalHoldout, model, allowBackendChange, budget, stallTimeout, pullRequest, null,
                Trigger.cli());
    }

    /** Delivered as a branch (no pull request). */
    public RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
            Map<String, String> settings, Path workspace, String sandbox, String repo, String ref, boolean allowDirty,
            boolean push, boolean allowLocalHoldout, ModelRequirement.ModelChoice model, boolean allowBackendChange,
            Budget budget, Duration stallTimeout) {
        this(pipeline, simulate, autoApprove, logsDir, resumeDir, settings, workspace, sandbox, repo, ref, allowDirty,
                push, allowLocalHoldout, model, allowBackendChange, budget, stallTimeout, null);
    }

    /** With the pipeline's or the default model, the graph's budgets and stall timeout. */
    public RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
            Map<String, String> settings, Path workspace, String sandbox, String repo, String ref, boolean allowDirty,
            boolean push, boolean allowLocalHoldout) {
        this(pipeline, simulate, autoApprove, logsDir, resumeDir, settings, workspace, sandbox, repo, ref, allowDirty,
                push, allowLocalHoldout, null, false, null, null);
    }

    /** Holdout suites refused on a local sandbox. */
    public RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
            Map<String, String> settings, Path workspace, String sandbox, String repo, String ref, boolean allowDirty,
            boolean push) {
        this(pipeline, simulate, autoApprove, logsDir, resumeDir, settings, workspace, sandbox, repo, ref, allowDirty,
                push, false);
    }

    /** Without a source repository: work in {@code workspace}, or in a fresh repository. */
    public RunRequest(Path pipeline, boolean simulate, boolean autoApprove, Path logsDir, Path resumeDir,
            Map<String, String> settings, Path workspace, String sandbox) {
        this(pipeline, simulate, autoApprove, logsDir, resumeDir, settings, workspace, sandbox, null, null, false,
                false);
    }

    /** The goal a service job gave ({@code goal} in the settings of a run the service started); null otherwise. */
    public String jobGoal() {
        return trigger == null || trigger.kind().equals(Trigger.CLI) ? null : settings.get("goal");
    }

    public boolean resuming() {
        return resumeDir != null;
    }
}
