package io.nightshift.workspace;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A run workspace: a git working tree on a Nightshift branch ({@code nightshift/<run-id>}, or a parallel branch
 * for a {@link #fork}). Every operation is one call with a typed result; failures are {@link WorkspaceException}s.
 * Not thread-safe: one caller at a time per workspace (forks are separate workspaces and may run concurrently).
 * {@link #close()} releases the repository handle.
 */
public final class Workspace implements AutoCloseable {

    /** How the workspace came to be; decides what delivery does with the source. */
    enum Kind { CLONE, IN_PLACE, FORK }

    private final Repository repo;
    private final String runId;
    private final String branch;
    private final String baseCommit;
    private final Kind kind;
    private final Source source;
    private final WorkspaceSettings settings;
    private final Clock clock;
    private final List<String> warnings;

    /** Where the workspace came from: a shown (redacted) location, a local repository path or null, credentials. */
    record Source(String shown, Path localRepository, String url, Remotes.Credentials credentials) {

        /** Nothing recorded: delivery writes its files but hands the branch to no repository. */
        static Source unknown(Path directory) {
            return new Source(directory.toString(), null, null, Remotes.Credentials.NONE);
        }

        /** The source a run recorded, with credentials for its URL from {@code env}. */
        static Source of(WorkspaceOrigin origin, java.util.Map<String, String> env) {
            Path local = origin.sourceRepository() == null ? null : Path.of(origin.sourceRepository());
            String url = origin.url() != null ? origin.url() : local != null ? local.toUri().toString() : null;
            return new Source(origin.source(), local, url,
                    url == null ? Remotes.Credentials.NONE : Remotes.credentials(url, env));
        }

        @Override
        public String toString() {
            return "Source[" + shown + "]";
        }
    }

    Workspace(Repository repo, String runId, String branch, String baseCommit, Kind kind, Source source,
              WorkspaceSettings settings, Clock clock, List<String> warnings) {
        this.repo = repo;
        this.runId = runId;
        this.branch = branch;
        this.baseCommit = baseCommit;
        this.kind = kind;
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.warnings = List.copyOf(warnings);
    }

    public String runId() {
        return runId;
    }

    /** The branch this workspace commits to, e.g. {@code nightshift/run-42}. */
    public String branch() {
        return branch;
    }

    /** The commit the branch started from (the REF of intake, or the fork commit). */
    public String baseCommit() {
        return baseCommit;
    }

    /** The branch's current head commit id. */
    public String head() {
        return Io.call("read the head of " + branch, () -> {
            Ref ref = repo.exactRef(Refs.heads(branch));
            return ref == null || ref.getObjectId() == null ? baseCommit : ref.getObjectId().name();
        });
    }

    /** The working tree's root directory. */
    public Path directory() {
        return repo.getWorkTree().toPath();
    }

    /** Where the workspace came from (credentials removed). */
    public String source() {
        return source.shown();
    }

    /**
     * What the run must keep (in its own directory, not in the workspace) to reopen and deliver this workspace
     * later: see {@link Workspaces#open(WorkspaceOrigin, String, java.util.Map, WorkspaceSettings, Clock)}.
     */
    public WorkspaceOrigin origin() {
        if (kind == Kind.FORK) {
            throw new WorkspaceException("A parallel branch's workspace has no origin of its own; record the run"
                    + " workspace's.", false);
        }
        return WorkspaceOrigin.of(kind, directory(), source);
    }

    /** Warnings from setting the workspace up (detached HEAD, submodules, LFS pointers, dirty tree allowed). */
    public List<String> warnings() {
        return warnings;
    }

    public WorkspaceSettings settings() {
        return settings;
    }

    /** Starts a stage commit: {@code ws.commit().stage(node, label, attempt).outcome("success").call()}. */
    public StageCommitCommand commit() {
        return new StageCommitCommand(this);
    }

    /**
     * The working tree as it is now, committed or not, as a commit that no ref points to (its parent is the
     * branch head): what holdout judging exports. The branch, the index and the working tree stay as they were.
     * Returns the head itself when the tree has nothing uncommitted.
     */
    public String snapshot(String subject) {
        return Io.call("snapshot the working tree of " + branch, () -> {
            GitDirCheck.check(repo);
            return WorkingTreeSnapshots.snapshot(this, repo, subject);
        });
    }

    /**
     * Checks the workspace's disk bound ({@link WorkspaceSettings#maxBytes}): everything under its directory,
     * {@code .git} and ignored files included. Call it before committing a stage, so that an oversized working tree
     * never reaches the object store (which would double what it takes).
     *
     * @throws WorkspaceFullException naming the size, the bound and the largest files
     */
    public void checkDiskBound() {
        Io.call("measure the workspace", () -> {
            DiskBound.check(directory(), settings.maxBytes());
            return null;
        });
    }

    /**
     * Changed paths, between {@code baseCommit} and the working tree as it is now (committed or not), that match the
     * protected patterns; empty when the stage kept its hands off them.
     */
    public List<String> protectedViolations(String baseCommit) {
        if (settings.protectedPatterns().isEmpty()) {
            return List.of(); // nothing to compare, so nothing of the repository is read (no check needed either)
        }
        return Io.call("check protected paths", () -> {
            GitDirCheck.check(repo);
            return ProtectedPaths.violations(repo, settings, baseCommit);
        });
    }

    /** Puts the protected paths back as they were at {@code baseCommit}; returns the paths restored. */
    public List<String> restoreProtected(String baseCommit) {
        return Io.call("restore protected paths", () -> {
            GitDirCheck.check(repo);
            return ProtectedPaths.restore(repo, settings, baseCommit, false);
        });
    }

    /** Puts every changed (non-ignored, non-denied) path back as it was at {@code baseCommit}; returns them. */
    public List<String> restoreAll(String baseCommit) {
        return Io.call("restore the working tree", () -> {
            GitDirCheck.check(repo);
            return ProtectedPaths.restore(repo, settings, baseCommit, true);
        });
    }

    /**
     * Hard-resets the branch and working tree to {@code commitId} (resume). What was there before is kept under
     * {@code refs/nightshift/<run-id>/interrupted/<n>} when the head differed or the tree had uncommitted work.
     */
    public ResetResult resetTo(String commitId) {
        return Io.call("reset " + branch + " to " + commitId, () -> {
            GitDirCheck.check(repo);
            return Resets.resetTo(this, repo, commitId);
        });
    }

    /**
     * Opens a separate working directory for the parallel branch {@code name}, starting at {@code fromCommit}.
     * It is a git linked worktree of this repository (shared objects and refs, own HEAD and index), so the git
     * CLI understands it. Commit in the returned workspace, then {@link #merge} its head back.
     */
    public Workspace fork(String name, String fromCommit, Path directory) {
        RunIds.checkName("branch name", name);
        return Io.call("fork branch " + name, () -> {
            GitDirCheck.check(repo);
            return Forks.fork(this, repo, name, fromCommit, directory);
        });
    }

    /**
     * For the run workspace, on resume: removes the worktrees of parallel branches a killed run left behind,
     * keeping each one's uncommitted work on {@code refs/nightshift/<run-id>/interrupted/<n>} and its branch.
     * Returns one line per worktree removed (its directory, and the side ref when work was kept).
     */
    public List<String> discardStaleForks() {
        if (kind == Kind.FORK) {
            throw new WorkspaceException("Stale parallel branches are cleaned from the run workspace, not from "
                    + branch + ".", false);
        }
        return Io.call("remove stale parallel-branch worktrees", () -> Forks.discardStale(this, repo));
    }

    /**
     * Merges {@code commitId} (a parallel branch's head) into this workspace's branch: fast-forward when possible,
     * else a merge commit. A conflict leaves branch and tree untouched and returns the conflicting paths.
     */
    public BranchMerge merge(String label, String commitId) {
        return Io.call("merge " + commitId + " into " + branch, () -> {
            GitDirCheck.check(repo);
            return Merges.merge(this, repo, label, commitId);
        });
    }

    /**
     * Keeps {@code commitId} (a candidate's work) under the next free {@code refs/nightshift/<run-id>/candidates/<n>}
     * (n = 1, 2, ... over the whole run); returns the ref's name. Works from the run workspace and its forks alike
     * (they share refs).
     */
    public String keepCandidate(String commitId) {
        return Io.call("keep candidate " + commitId, () -> {
            GitDirCheck.check(repo);
            RevCommit commit = Refs.commit(repo, commitId);
            return Resets.keepUnder(repo, Refs.candidatesPrefix(runId), commit, "nightshift: keep candidate");
        });
    }

    /**
     * Writes {@code changes.patch}, {@code run.bundle} and {@code summary.md} into {@code directory} and hands the
     * run branch to the source: a local source repository gets the ref {@code nightshift/<run-id>} (its checkout is
     * never touched); a remote one is pushed to only when {@code pushToRemote} is set, never forced.
     */
    public Deliverables deliver(Path directory, boolean pushToRemote) {
        if (kind == Kind.FORK) {
            throw new WorkspaceException("Deliver from the run workspace, not from the parallel branch " + branch
                    + "; merge the branch first.", false);
        }
        return Io.call("deliver " + branch, () -> {
            GitDirCheck.check(repo);
            return Delivery.deliver(this, repo, directory, pushToRemote);
        });
    }

    /**
     * For a fork: closes it and removes its working directory and git's bookkeeping for it, keeping its branch
     * (and so its commits). Refused for a run workspace.
     */
    public void discard() {
        if (kind != Kind.FORK) {
            throw new WorkspaceException("Only a parallel branch's workspace can be discarded; " + branch
                    + " is the run workspace.", false);
        }
        Path admin = repo.getDirectory().toPath();
        Path dir = directory();
        repo.close();
        Directories.clean(dir, false);
        Directories.clean(admin, false);
    }

    @Override
    public void close() {
        repo.close();
    }

    StageCommit doCommit(String subject, String message) {
        return Io.call("commit " + subject, () -> {
            GitDirCheck.check(repo);
            Ref head = repo.exactRef(Constants.HEAD);
            if (head == null || !head.isSymbolic() || !head.getTarget().getName().equals(Refs.heads(branch))) {
                throw new WorkspaceException("The workspace at " + directory() + " is not on " + branch
                        + " (HEAD is " + (head == null ? "missing" : head.getTarget().getName())
                        + "); switch back with 'git switch " + branch + "' before committing.", false);
            }
            RevCommit parent = Refs.commit(repo, head());
            DirCache index = repo.lockDirCache();
            WorkTreeScan.Result scan;
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                scan = WorkTreeScan.run(repo, index, inserter, settings);
                // A stage that changed nothing leaves the index as it was: no lock-file write and rename per stage
                if (scan.indexChanged()) {
                    index.write();
                    if (!index.commit()) {
                        throw new WorkspaceStorageException("Cannot write the index of " + directory(), true, null);
                    }
                }
                if (scan.tree().equals(parent.getTree())) {
                    return new StageCommit.Unchanged(parent.name(), scan.denied(), scan.warnings());
                }
                ObjectId id = Commits.write(inserter, scan.tree(), List.of(parent), settings.identity(), clock, message);
                Refs.update(repo, Refs.heads(branch), id, parent, "commit: " + subject);
                List<String> changed = Commits.changedPaths(repo, parent.getTree(), scan.tree());
                PathPatterns protectedPaths = PathPatterns.of(settings.protectedPatterns());
                List<String> violations = changed.stream().filter(protectedPaths::matches).toList();
                return new StageCommit.Committed(id.name(), parent.name(), subject, changed, scan.denied(),
                        scan.largeFiles(), violations, scan.warnings());
            } finally {
                index.unlock();
            }
        });
    }

    Kind kind() {
        return kind;
    }

    Source sourceInfo() {
        return source;
    }

    Clock clock() {
        return clock;
    }
}
