package io.nightshift.server;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.event.Trigger;
import io.nightshift.runtime.service.RunBounds;
import java.util.Map;

/**
 * {@code GET /jobs/{id}}: the run's status and, once it ended, links to the deliverables present; {@code sandbox} is
 * where tools run ({@code docker} unless {@code local} was asked for), {@code simulated} whether LLM stages are
 * answered without a model; {@code budget} the job's bounds (a null field: the pipeline's, or none) and
 * {@code tokens}, {@code cost_usd} and {@code cost_complete} what its model calls spent so far (per stage and
 * provider in {@code run.spend}); {@code pull_request} the pull (merge) request the job opened or updated, null until
 * then; {@code trigger} what started it ({@code api}, {@code mcp}, {@code webhook} with the delivery id and issue
 * page, {@code schedule} with its name and due time).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobStatusJson(String id, String status, String repository, String ref, String goal, String pipeline,
        String model, String sandbox, RunStatusJson run, Map<String, String> deliverables, String events,
        String provider, boolean simulated, RunBounds budget, long tokens, double costUsd, boolean costComplete,
        PullRequestJson pullRequest, Trigger trigger) {

    /** The pull request's page and number (GitHub {@code number}, GitLab {@code iid}). */
    public record PullRequestJson(String url, int number) {
    }
}
