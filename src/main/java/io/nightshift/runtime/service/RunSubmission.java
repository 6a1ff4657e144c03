package io.nightshift.runtime.service;

import io.nightshift.event.Trigger;
import io.nightshift.runtime.delivery.PullRequestOptions;
import java.util.Map;

/**
 * One run handed to the service, as stored in {@code submission.json} of its run directory.
 *
 * @param kind {@code pipeline} (attractor-spec 9.5 {@code POST /pipelines}) or {@code job} ({@code POST /jobs})
 * @param dot the pipeline's DOT text
 * @param name a name for messages and the run id (the pipeline file name or the graph id)
 * @param simulate answer LLM stages without a model (an explicit opt-in the operator must allow)
 * @param autoApprove answer every human gate with its first option instead of asking over HTTP
 * @param goal the goal, put into the run context as {@code goal}; may be null
 * @param settings extra context values
 * @param workspace the directory tools work in; null for {@code workspace/} inside the run directory
 * @param repository for jobs: the repository as given (path or URL); may be null
 * @param ref for jobs: the git ref asked for; may be null
 * @param sandbox {@code local} or {@code docker}; null for the default
 * @param model the model of LLM stages that name none; null for the default
 * @param allowLocalHoldout accept held-out scenario suites although the sandbox is {@code local}
 * @param provider the provider of LLM stages that name none; null for the model's or the default
 * @param pullRequest for jobs delivered as a pull request ({@code "deliver": "pull_request"}); null for a branch
 * @param bounds the run's budgets and stall timeout as submitted; each one set wins over the graph's
 * @param trigger what started the run; {@code api} when not given (and for runs submitted before triggers existed)
 */
public record RunSubmission(String kind, String dot, String name, boolean simulate, boolean autoApprove,
        String goal, Map<String, String> settings, String workspace, String repository, String ref,
        String sandbox, String model, boolean allowLocalHoldout, String provider, PullRequestOptions pullRequest,
        RunBounds bounds, Trigger trigger) {

    public RunSubmission {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        kind = kind == null ? "pipeline" : kind;
        bounds = bounds == null ? RunBounds.NONE : bounds;
        trigger = trigger == null ? Trigger.api() : trigger;
    }

    /** Started through the API. */
    public RunSubmission(String kind, String dot, String name, boolean simulate, boolean autoApprove,
            String goal, Map<String, String> settings, String workspace, String repository, String ref,
            String sandbox, String model, boolean allowLocalHoldout, String provider, PullRequestOptions pullRequest,
            RunBounds bounds) {
        this(kind, dot, name, simulate, autoApprove, goal, settings, workspace, repository, ref, sandbox, model,
                allowLocalHoldout, provider, pullRequest, bounds, null);
    }

    /** This submission, started by {@code newTrigger}. */
    public RunSubmission withTrigger(Trigger newTrigger) {
        return new RunSubmission(kind, dot, name, simulate, autoApprove, goal, settings, workspace, repository, ref,
                sandbox, model, allowLocalHoldout, provider, pullRequest, bounds, newTrigger);
    }

    /** This submission with {@code newBounds} instead of its own. */
    public RunSubmission withBounds(RunBounds newBounds) {
        return new RunSubmission(kind, dot, name, simulate, autoApprove, goal, settings, workspace, repository, ref,
                sandbox, model, allowLocalHoldout, provider, pullRequest, newBounds, trigger);
    }

    /** Delivered as a branch, with the graph's bounds only. */
    public RunSubmission(String kind, String dot, String name, boolean simulate, boolean autoApprove, String goal,
            Map<String, String> settings, String workspace, String repository, String ref, String sandbox,
            String model, boolean allowLocalHoldout, String provider) {
        this(kind, dot, name, simulate, autoApprove, goal, settings, workspace, repository, ref, sandbox, model,
                allowLocalHoldout, provider, null, null);
    }

    /** The default provider (or the model's). */
    public RunSubmission(String kind, String dot, String name, boolean simulate, boolean autoApprove, String goal,
            Map<String, String> settings, String workspace, String repository, String ref, String sandbox,
            String model, boolean allowLocalHoldout) {
        this(kind, dot, name, simulate, autoApprove, goal, settings, workspace, repository, ref, sandbox, model,
                allowLocalHoldout, null);
    }

    /** Holdout suites refused on a local sandbox. */
    public RunSubmission(String kind, String dot, String name, boolean simulate, boolean autoApprove, String goal,
            Map<String, String> settings, String workspace, String repository, String ref, String sandbox,
            String model) {
        this(kind, dot, name, simulate, autoApprove, goal, settings, workspace, repository, ref, sandbox, model, false,
                null);
    }

    public static RunSubmission pipeline(String dot, boolean simulate, boolean autoApprove, String goal,
            Map<String, String> settings) {
        return new RunSubmission("pipeline", dot, null, simulate, autoApprove, goal, settings, null, null, null,
                null, null);
    }
}
