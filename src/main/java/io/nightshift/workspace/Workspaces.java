package io.nightshift.workspace;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Entry points: make a run workspace by cloning a source, by working in place, or reopen one for a resume. */
public final class Workspaces {

    private Workspaces() {
    }

    /** Clones {@code request.source()} into {@code request.directory()} on a new branch {@code nightshift/<run-id>}. */
    public static Workspace intake(IntakeRequest request) {
        return intake(request, Clock.systemUTC());
    }

    /** As {@link #intake(IntakeRequest)}, with the clock that dates commits. */
    public static Workspace intake(IntakeRequest request, Clock clock) {
        return Intake.run(request, clock);
    }

    /** Works in place in {@code request.directory()} (see {@link AdoptRequest}). */
    public static Workspace adopt(AdoptRequest request) {
        return adopt(request, Clock.systemUTC());
    }

    public static Workspace adopt(AdoptRequest request, Clock clock) {
        return Adoption.run(request, clock);
    }

    /**
     * Reopens the workspace of run {@code runId} as {@code origin} records it (after a crash or for a resume);
     * switches back to the run branch if HEAD moved. {@code env} supplies the token for a later push, as for intake.
     * Where the work is delivered comes from {@code origin} only, never from the workspace's own git config.
     */
    public static Workspace open(WorkspaceOrigin origin, String runId, Map<String, String> env,
                                 WorkspaceSettings settings, Clock clock) {
        Path dir = Path.of(origin.directory()).toAbsolutePath().normalize();
        Path dotGit = dir.resolve(".git");
        if (origin.kind() == Workspace.Kind.CLONE && Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            // intake made .git a directory; anything else now points the host at a repository the agent chose
            throw new UnsafeWorkspaceException("The workspace's " + dotGit + " is no longer the directory intake made"
                    + " (it is a file or link now, naming another repository). Nightshift does not follow it; start"
                    + " a new run.");
        }
        return open(dir, runId, origin.kind(), Workspace.Source.of(origin, env), settings, clock);
    }

    /**
     * Reopens a workspace whose origin was not recorded (a run from before Nightshift kept it in the run
     * directory): it commits as usual, and its delivery writes the patch, bundle and summary but hands the branch
     * to no repository.
     */
    public static Workspace open(Path directory, String runId, Map<String, String> env, WorkspaceSettings settings,
                                 Clock clock) {
        Path dir = directory.toAbsolutePath().normalize();
        return open(dir, runId, Workspace.Kind.CLONE, Workspace.Source.unknown(dir), settings, clock);
    }

    private static Workspace open(Path dir, String runId, Workspace.Kind kind, Workspace.Source source,
                                  WorkspaceSettings settings, Clock clock) {
        RunIds.check(runId);
        if (!Directories.isRepository(dir)) {
            throw new SourceNotFoundException(dir.toString(), "No workspace at " + dir + ": "
                    + (Files.exists(dir) ? "it is not a git repository." : "it does not exist."));
        }
        return Io.call("open the workspace at " + dir, () -> {
            Repository repo = Directories.openWorkspace(dir);
            try {
                String branch = Refs.runBranch(runId);
                Ref tip = repo.exactRef(Refs.heads(branch));
                if (tip == null) {
                    throw new WorkspaceException("The repository at " + dir + " has no run branch " + branch
                            + "; was it made for another run?", false);
                }
                if (!branch.equals(repo.getBranch())) {
                    try (Git git = Git.wrap(repo)) {
                        git.checkout().setName(branch).call();
                    }
                }
                Ref base = repo.exactRef(Refs.baseRef(branch));
                String baseCommit = base == null ? tip.getObjectId().name() : base.getObjectId().name();
                return new Workspace(repo, runId, branch, baseCommit, kind, source, settings, clock, List.of());
            } catch (RuntimeException | java.io.IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
                repo.close();
                throw e;
            }
        });
    }
}
