package io.nightshift.workspace;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Clone a source into a fresh run workspace.
 *
 * @param source    a local repository path, or a {@code file://}, {@code https://} or {@code ssh://} URL
 * @param ref       the branch, tag or commit to start from; null for the source's HEAD
 * @param runId     the run id; the run branch is {@code nightshift/<runId>}
 * @param directory where the workspace goes; must not exist or be empty
 * @param env       the environment the token is read from ({@code NIGHTSHIFT_GIT_TOKEN}, else {@code GITHUB_TOKEN},
 *                  else {@code GITLAB_TOKEN}; user {@code NIGHTSHIFT_GIT_USER}, default {@code x-access-token}),
 *                  and for ssh the home whose {@code .ssh} holds keys, config and known_hosts ({@code HOME}) and
 *                  the agent's socket ({@code SSH_AUTH_SOCK}). Never printed.
 * @param settings  identity, deny list, protected paths, large-file threshold
 */
public record IntakeRequest(String source, String ref, String runId, Path directory, Map<String, String> env,
                            WorkspaceSettings settings) {

    public IntakeRequest {
        Objects.requireNonNull(source, "source");
        RunIds.check(runId);
        Objects.requireNonNull(directory, "directory");
        env = Map.copyOf(env);
        Objects.requireNonNull(settings, "settings");
    }

    /** From the source's HEAD, no credentials, default settings. */
    public static IntakeRequest of(String source, String runId, Path directory) {
        return new IntakeRequest(source, null, runId, directory, Map.of(), WorkspaceSettings.defaults());
    }

    public IntakeRequest withRef(String value) {
        return new IntakeRequest(source, value, runId, directory, env, settings);
    }

    public IntakeRequest withEnv(Map<String, String> value) {
        return new IntakeRequest(source, ref, runId, directory, value, settings);
    }

    public IntakeRequest withSettings(WorkspaceSettings value) {
        return new IntakeRequest(source, ref, runId, directory, env, value);
    }

    @Override
    public String toString() {
        return "IntakeRequest[source=" + Remotes.redact(source) + ", ref=" + ref + ", runId=" + runId
                + ", directory=" + directory + ", env=<" + env.size() + " entries>, settings=" + settings + "]";
    }
}
