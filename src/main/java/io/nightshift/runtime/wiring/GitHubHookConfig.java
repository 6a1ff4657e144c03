package io.nightshift.runtime.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /hooks/github} ({@code nightshift.hooks.github.*}, issue 17): which GitHub issue events start jobs and
 * how those jobs run. The repository is always the event's {@code repository.clone_url}.
 */
@ConfigMapping(prefix = "nightshift.hooks.github")
public interface GitHubHookConfig {

    /**
     * The webhook's secret, as entered on GitHub (environment: {@code NIGHTSHIFT_HOOKS_GITHUB_SECRET}). Every
     * delivery must carry its {@code X-Hub-Signature-256}; without a secret the endpoint refuses all of them.
     */
    Optional<String> secret();

    /** The label that asks for a job: an issue labelled with it, or opened with it. */
    @WithDefault("nightshift")
    String label();

    /** The jobs' pipeline, by name from {@code nightshift.server.pipelines-dir}. */
    @WithDefault("factory")
    String pipeline();

    /** {@code pull_request} (a pull request on the repository) or {@code branch}. */
    @WithDefault("pull_request")
    String deliver();

    /** {@code docker} (the default) or {@code local} (only where the service allows it). */
    Optional<String> sandbox();

    /** The model of LLM stages that name none; the service's default when unset. */
    Optional<String> model();

    /** The provider of LLM stages that name none; the model's or the default when unset. */
    Optional<String> provider();

    /** Answer LLM stages without a model (only where {@code nightshift.server.allow-simulate} is on). */
    @WithDefault("false")
    boolean simulate();

    /** Answer the jobs' human gates with their first option instead of waiting for an answer over HTTP or MCP. */
    @WithDefault("false")
    boolean autoApprove();

    /** The owner the jobs belong to: tokens of this owner (and admins) see them. */
    @WithDefault("github")
    String owner();

    /** The repositories ({@code OWNER/NAME}) whose issues may start jobs; any when unset. */
    Optional<List<String>> repositories();
}
