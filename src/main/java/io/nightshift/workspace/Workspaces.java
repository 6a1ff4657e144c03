package io.nightshift.workspace;

import java.nio.file.Files;
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
     * Reopens the workspace of run {@code runId} in {@code directory} (after a crash or for a resume); switches
     * back to the run branch if HEAD moved. {@code env} supplies the token for a later push, as for intake.
     */
    public static Workspace open(Path directory, String runId, Map<String, String> env, WorkspaceSettings settings,
                                 Clock clock) {
        RunIds.check(runId);
        Path dir = directory.toAbsolutePath().normalize();
        if (!Directories.isRepository(dir)) {
            throw new SourceNotFoundException(dir.toString(), "No workspace at " + dir + ": "
                    + (Files.exists(dir) ? "it is not a git repository." : "it does not exist."));
        }
        return Io.call("open the workspace at " + dir, () -> {
            Repository repo = Directories.open(dir);
            try {
                String branch = Refs.runBranch(runId);
                Ref tip = repo.exactRef(Refs.heads(branch));
                if (tip == null) {
                    throw new WorkspaceException("The repository at " + dir + " has no run branch " + branch
                            + "; was it made for another run?", false);
                }
                Workspace.Kind kind = WorkspaceConfig.kind(repo, runId);
                if (!branch.equals(repo.getBranch())) {
                    try (Git git = Git.wrap(repo)) {
                        git.checkout().setName(branch).call();
                    }
                }
                Ref base = repo.exactRef(Refs.baseRef(branch));
                String baseCommit = base == null ? tip.getObjectId().name() : base.getObjectId().name();
                return new Workspace(repo, runId, branch, baseCommit, kind, WorkspaceConfig.source(repo, runId, env),
                        settings, clock, List.of());
            } catch (RuntimeException | java.io.IOException | org.eclipse.jgit.api.errors.GitAPIException e) {
                repo.close();
                throw e;
            }
        });
    }
}
