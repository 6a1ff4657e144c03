package io.nightshift.runtime.service;

import java.util.List;

/**
 * How {@code POST /hooks/github} turns a labelled issue into a job ({@code nightshift.hooks.github.*}).
 *
 * @param secret the webhook's secret; null or blank disables the endpoint (every delivery is refused)
 * @param label the label that asks for a job
 * @param pipeline the job's pipeline, by name from the shipped pipelines
 * @param deliver {@code pull_request} (to the repository on GitHub) or {@code branch}
 * @param sandbox {@code docker} or {@code local}; null for the default
 * @param model the model of LLM stages that name none; null for the default
 * @param provider the provider of LLM stages that name none; null for the model's or the default
 * @param simulate answer LLM stages without a model (refused unless the service allows simulation)
 * @param autoApprove answer the job's human gates with their first option
 * @param owner the owner the jobs belong to (what scoped tokens see)
 * @param repositories the repositories ({@code OWNER/NAME}) whose issues may start jobs; empty for any
 */
public record GitHubHookSettings(String secret, String label, String pipeline, String deliver, String sandbox,
        String model, String provider, boolean simulate, boolean autoApprove, String owner,
        List<String> repositories) {

    public GitHubHookSettings {
        label = label == null || label.isBlank() ? "nightshift" : label.strip();
        pipeline = pipeline == null || pipeline.isBlank() ? "factory" : pipeline.strip();
        deliver = deliver == null || deliver.isBlank() ? "pull_request" : deliver.strip();
        owner = owner == null ? "" : owner;
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        if (!deliver.equals("pull_request") && !deliver.equals("branch")) {
            throw new IllegalArgumentException("nightshift.hooks.github.deliver '" + deliver
                    + "' is unknown; use pull_request (the default) or branch");
        }
    }

    boolean enabled() {
        return secret != null && !secret.isBlank();
    }
}
