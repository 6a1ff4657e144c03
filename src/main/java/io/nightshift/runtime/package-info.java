/**
 * The composition root: configuration, wiring, run launching, the agent-backed CodergenBackend, event envelopes and sinks. May import every layer below it.
 *
 * <p>Every run works in a git workspace ({@link io.nightshift.runtime.WorkspaceSetup}: {@code --repo} clones,
 * {@code --workspace} adopts, otherwise a fresh repository in the run directory); {@link io.nightshift.runtime.RunWorkspace}
 * is the engine's {@link io.nightshift.pipeline.handler.WorkspaceHooks}: a commit per stage, protected paths, the
 * deny list, a worktree per parallel branch, the merge at fan-in, and the deliverables at the end.
 */
package io.nightshift.runtime;
