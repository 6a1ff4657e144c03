package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.runtime.service.JobRequest;
import io.nightshift.runtime.delivery.PullRequestOptions;
import io.nightshift.runtime.service.InvalidSubmissionException;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /jobs}: {@code {"repository": {"path" | "url", "ref"}, "goal", "pipeline" | "dot",
 * "sandbox", "model", "provider", "simulate", "auto_approve", "set", "allow_local_holdout", "deliver", "forge",
 * "below_threshold", "max_tokens", "max_cost_usd", "max_time", "stall_timeout"}}. {@code simulate} is false unless
 * given (and refused unless the operator allows it); {@code deliver} is {@code branch} (default) or
 * {@code pull_request}, with an optional {@code forge} ({@code {"kind": "github" | "gitlab", "repository":
 * "OWNER/NAME" | project id}}, else inferred from the URL) and {@code below_threshold} ({@code draft}, the default,
 * {@code open} or {@code skip}). The bounds are the run's ({@link io.nightshift.runtime.service.RunBounds}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobRequestJson(Repository repository, String goal, String pipeline, String dot, String sandbox,
        String model, Boolean simulate, Boolean autoApprove, Map<String, String> set, Boolean allowLocalHoldout,
        String provider, String deliver, Forge forge, String belowThreshold, JsonNode maxTokens, JsonNode maxCostUsd,
        JsonNode maxTime, JsonNode stallTimeout) {

    /** Where the code is: a local {@code path} or a git {@code url}, and the {@code ref} to work from. */
    public record Repository(String path, String url, String ref) {
    }

    /** Where the pull request goes: the forge's kind and the repository as its API names it. */
    public record Forge(String kind, String repository) {
    }

    JobRequest toRequest() {
        String repo = repository == null ? null : repository.path() != null ? repository.path() : repository.url();
        return new JobRequest(repo, repository == null ? null : repository.ref(), goal, pipeline, dot, sandbox, model,
                Boolean.TRUE.equals(simulate), Boolean.TRUE.equals(autoApprove), set,
                Boolean.TRUE.equals(allowLocalHoldout), provider, pullRequest(),
                BoundsFields.read(maxTokens, maxCostUsd, maxTime, stallTimeout));
    }

    private PullRequestOptions pullRequest() {
        String mode = deliver == null || deliver.isBlank() ? "branch" : deliver.strip();
        if (mode.equals("branch")) {
            if (forge != null || belowThreshold != null) {
                throw new InvalidSubmissionException("\"forge\" and \"below_threshold\" go with"
                        + " \"deliver\": \"pull_request\"");
            }
            return null;
        }
        if (!mode.equals("pull_request")) {
            throw new InvalidSubmissionException("\"deliver\": \"" + deliver + "\" is unknown; use \"branch\""
                    + " (the default) or \"pull_request\"");
        }
        if (forge != null && forge.kind() != null && !List.of("github", "gitlab").contains(forge.kind())) {
            throw new InvalidSubmissionException("\"forge\": {\"kind\": \"" + forge.kind() + "\"} is unknown; use"
                    + " \"github\" or \"gitlab\"");
        }
        try {
            return new PullRequestOptions(forge == null ? null : forge.kind(), forge == null ? null
                    : forge.repository(), PullRequestOptions.BelowThreshold.fromName(belowThreshold));
        } catch (IllegalArgumentException e) {
            throw new InvalidSubmissionException(e.getMessage());
        }
    }
}
