/**
 * The run workspace, on JGit: a porcelain of one-shot calls with typed results. JGit types never appear in a
 * public signature, every failure is a {@link io.nightshift.workspace.WorkspaceException} (with a
 * {@code retryable} flag and a message that never carries credentials), and the package knows nothing of
 * pipelines: callers pass node ids, attempts and outcomes as plain strings.
 *
 * <pre>{@code
 * Workspace ws = Workspaces.intake(IntakeRequest.of(repoPathOrUrl, runId, runDir.resolve("workspace")));
 *                      // or Workspaces.adopt(AdoptRequest.of(dir, runId)) to work in place,
 *                      // or Workspaces.open(dir, runId, env, settings, clock) to resume
 * StageCommit c = ws.commit().stage("implement", "Implement", 1).outcome("success").call();
 * ws.protectedViolations(base);  ws.restoreProtected(base);      // guard tests/acceptance/** and friends
 * ResetResult r = ws.resetTo(commitId);                           // resume; old work kept on a side ref
 * Workspace branch = ws.fork("a", ws.head(), siblingDir);         // parallel branch as a linked worktree
 * BranchMerge m = ws.merge("a", branch.head());                   // fast-forward, merge commit or Conflict
 * Deliverables d = ws.deliver(runDir, false);                     // changes.patch, run.bundle, summary.md
 * WorkspaceLogs.write(runDir.resolve("workspace.json"), log.with(new StageRecord(...)));
 * }</pre>
 *
 * <p>Branches and refs: the run branch is {@code nightshift/<run-id>}; parallel branches are
 * {@code nightshift-parallel/<run-id>/<name>}; the base of each is kept under {@code refs/nightshift/base/...};
 * work displaced by a reset goes to {@code refs/nightshift/<run-id>/interrupted/<n>}. The user's own checkout is
 * never modified by intake or delivery (only {@code adopt}, by request, switches a repository to the run branch).
 *
 * <p>Stage commits stage everything in one pass over index and working tree, respecting .gitignore, trusting the
 * index's stat data for unchanged files and streaming new content, and never commit paths on the deny list
 * ({@code .env}, {@code *.pem}, {@code id_*} by default); those are reported instead.
 *
 * <p>Imports nothing of ours.
 */
package io.nightshift.workspace;
