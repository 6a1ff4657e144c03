/**
 * Pull and merge requests over the forges' REST APIs: GitHub ({@link io.nightshift.forge.GitHubClient}) and
 * GitLab ({@link io.nightshift.forge.GitLabClient}), behind {@link io.nightshift.forge.ForgeClient}. Plain Java
 * on the JDK's HTTP client; every failure is a {@link io.nightshift.forge.ForgeException} whose message is one
 * line naming the call, the status and what to do. The tokens never appear in a message. The API facts relied
 * on, with their sources, are in {@code docs/forge-twins.md}; the forge twins that tests use live in
 * {@code io.nightshift.twin.forge}.
 */
package io.nightshift.forge;
