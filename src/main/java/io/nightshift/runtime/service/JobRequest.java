package io.nightshift.runtime.service;

import io.nightshift.runtime.delivery.PullRequestOptions;
import java.util.Map;

/**
 * A job handed to the service ({@code POST /jobs}): a repository, a goal and a pipeline, plus sandbox and model
 * settings.
 *
 * @param repository a local directory (used as the workspace) or a git URL (not wired yet: refused clearly)
 * @param ref the git ref to work from; recorded, not checked out yet
 * @param goal what the job should achieve
 * @param pipeline the name of a pipeline shipped in {@code agent-spec/pipelines/} (with or without {@code .dot})
 * @param dot the pipeline as DOT text, instead of {@code pipeline}
 * @param sandbox {@code local} or {@code docker}; null for the default
 * @param model the model of LLM stages that name none; null for the default
 * @param simulate answer LLM stages without a model (refused unless the operator allows simulation)
 * @param allowLocalHoldout accept held-out scenario suites although the sandbox is {@code local}
 * @param provider the provider of LLM stages that name none; null for the model's (catalog) or the default
 * @param pullRequest deliver as a pull request ({@code "deliver": "pull_request"}); null for a branch (the default)
 * @param bounds the job's {@code max_tokens}, {@code max_cost_usd}, {@code max_time} and {@code stall_timeout}
 */
public record JobRequest(String repository, String ref, String goal, String pipeline, String dot, String sandbox,
        String model, boolean simulate, boolean autoApprove, Map<String, String> settings,
        boolean allowLocalHoldout, String provider, PullRequestOptions pullRequest, RunBounds bounds) {

    /** Delivered as {@code pullRequest} asks, under the pipeline's bounds. */
    public JobRequest(String repository, String ref, String goal, String pipeline, String dot, String sandbox,
            String model, boolean simulate, boolean autoApprove, Map<String, String> settings,
            boolean allowLocalHoldout, String provider, PullRequestOptions pullRequest) {
        this(repository, ref, goal, pipeline, dot, sandbox, model, simulate, autoApprove, settings, allowLocalHoldout,
                provider, pullRequest, null);
    }

    /** Delivered as a branch, under {@code bounds}. */
    public JobRequest(String repository, String ref, String goal, String pipeline, String dot, String sandbox,
            String model, boolean simulate, boolean autoApprove, Map<String, String> settings,
            boolean allowLocalHoldout, String provider, RunBounds bounds) {
        this(repository, ref, goal, pipeline, dot, sandbox, model, simulate, autoApprove, settings, allowLocalHoldout,
                provider, null, bounds);
    }

    public JobRequest(String repository, String ref, String goal, String pipeline, String dot, String sandbox,
            String model, boolean simulate, boolean autoApprove, Map<String, String> settings,
            boolean allowLocalHoldout, String provider) {
        this(repository, ref, goal, pipeline, dot, sandbox, model, simulate, autoApprove, settings, allowLocalHoldout,
                provider, null, null);
    }

    public JobRequest(String repository, String ref, String goal, String pipeline, String dot, String sandbox,
            String model, boolean simulate, boolean autoApprove, Map<String, String> settings,
            boolean allowLocalHoldout) {
        this(repository, ref, goal, pipeline, dot, sandbox, model, simulate, autoApprove, settings, allowLocalHoldout,
                null);
    }
}
