package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.nightshift.runtime.service.JobRequest;
import java.util.Map;

/**
 * Body of {@code POST /jobs}: {@code {"repository": {"path" | "url", "ref"}, "goal", "pipeline" | "dot",
 * "sandbox", "model", "provider", "simulate", "auto_approve", "set", "allow_local_holdout", "max_tokens",
 * "max_cost_usd", "max_time", "stall_timeout"}}. {@code simulate} is false unless given (and refused unless the
 * operator allows it). The bounds are the run's ({@link io.nightshift.runtime.service.RunBounds}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobRequestJson(Repository repository, String goal, String pipeline, String dot, String sandbox,
        String model, Boolean simulate, Boolean autoApprove, Map<String, String> set, Boolean allowLocalHoldout,
        String provider, JsonNode maxTokens, JsonNode maxCostUsd, JsonNode maxTime, JsonNode stallTimeout) {

    /** Where the code is: a local {@code path} or a git {@code url}, and the {@code ref} to work from. */
    public record Repository(String path, String url, String ref) {
    }

    JobRequest toRequest() {
        String repo = repository == null ? null : repository.path() != null ? repository.path() : repository.url();
        return new JobRequest(repo, repository == null ? null : repository.ref(), goal, pipeline, dot, sandbox, model,
                Boolean.TRUE.equals(simulate), Boolean.TRUE.equals(autoApprove), set,
                Boolean.TRUE.equals(allowLocalHoldout), provider,
                BoundsFields.read(maxTokens, maxCostUsd, maxTime, stallTimeout));
    }
}
