package io.nightshift.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.CheckoutConflictException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Working in place ({@code --workspace DIR}): a repository gets the run branch after a cleanliness check; a plain
 * directory becomes a repository whose first commit holds what was there.
 */
final class Adoption {

    private Adoption() {
    }

    static Workspace run(AdoptRequest request, Clock clock) {
        Path dir = request.directory().toAbsolutePath().normalize();
        if (!Files.exists(dir)) {
            throw new SourceNotFoundException(dir.toString(), "Workspace directory " + dir + " does not exist. Create"
                    + " it (an empty directory is fine) or point --workspace at an existing one.");
        }
        if (!Files.isDirectory(dir)) {
            throw new SourceNotFoundException(dir.toString(), "Workspace " + dir + " is a file, not a directory.");
        }
        return Io.call("work in place in " + dir, () -> adopt(request, dir, clock));
    }

    private static Workspace adopt(AdoptRequest request, Path dir, Clock clock) throws IOException, GitAPIException {
        List<String> warnings = new ArrayList<>();
        boolean existing = Files.exists(dir.resolve(".git"));
        if (!existing) {
            Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        }
        Repository repo = Directories.openWorkspace(dir);
        try (Git git = Git.wrap(repo)) {
            String branch = Refs.runBranch(request.runId());
            Ref head = repo.exactRef(Constants.HEAD);
            ObjectId headCommit = repo.resolve(Constants.HEAD + "^{commit}");
            if (headCommit == null) {
                headCommit = initialCommit(repo, head, request.settings(), clock, warnings);
            } else {
                checkClean(git, request, warnings);
                if (!head.isSymbolic()) {
                    warnings.add("HEAD in " + dir + " is detached at " + headCommit.name()
                            + "; the run branch starts from that commit.");
                }
            }
            if (repo.exactRef(Refs.heads(branch)) != null) {
                if (!branch.equals(repo.getBranch())) {
                    git.checkout().setName(branch).call();
                }
            } else {
                RevCommit start = Refs.commit(repo, request.ref() == null ? headCommit.name() : request.ref());
                git.checkout().setCreateBranch(true).setName(branch).setStartPoint(start).call();
            }
            Ref base = repo.exactRef(Refs.baseRef(branch));
            String baseCommit = base != null ? base.getObjectId().name() : Refs.commit(repo, branch).name();
            if (base == null) {
                Refs.update(repo, Refs.baseRef(branch), ObjectId.fromString(baseCommit), null, "nightshift: run base");
            }
            Workspace.Source source = new Workspace.Source(dir.toString(), null, null, Remotes.Credentials.NONE);
            return new Workspace(repo, request.runId(), branch, baseCommit, Workspace.Kind.IN_PLACE, source,
                    request.settings(), clock, warnings);
        } catch (CheckoutConflictException e) {
            repo.close();
            throw new DirtyWorkingTreeException("Cannot switch " + dir + " to the run branch: uncommitted changes in "
                    + Dirty.describe(e.getConflictingPaths()) + " would be overwritten. Commit or stash them first.",
                    e.getConflictingPaths());
        } catch (IOException | GitAPIException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    private static void checkClean(Git git, AdoptRequest request, List<String> warnings) throws GitAPIException {
        Status status = git.status().call();
        PathPatterns deny = PathPatterns.of(request.settings().denyPatterns());
        TreeSet<String> dirty = new TreeSet<>();
        dirty.addAll(status.getUncommittedChanges());
        dirty.addAll(status.getUntracked());
        dirty.removeIf(deny::matches);
        if (dirty.isEmpty()) {
            return;
        }
        List<String> paths = List.copyOf(dirty);
        if (!request.allowDirty()) {
            throw new DirtyWorkingTreeException("The working tree of " + request.directory().toAbsolutePath()
                    + " has uncommitted changes: " + Dirty.describe(paths) + ". Commit or stash them, or allow a dirty"
                    + " tree (they then become part of the first stage commit).", paths);
        }
        warnings.add("The working tree had uncommitted changes (" + Dirty.describe(paths)
                + "); they will be part of the first stage commit.");
    }

    private static ObjectId initialCommit(Repository repo, Ref head, WorkspaceSettings settings, Clock clock,
                                          List<String> warnings) throws IOException {
        DirCache index = repo.lockDirCache();
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            WorkTreeScan.Result scan = WorkTreeScan.run(repo, index, inserter, settings);
            index.write();
            index.commit();
            if (!scan.denied().isEmpty()) {
                warnings.add("Not committed (deny list): " + Dirty.describe(scan.denied()) + ".");
            }
            warnings.addAll(scan.warnings());
            String message = "Nightshift: initial import of " + repo.getWorkTree().getName() + "\n";
            ObjectId commit = Commits.write(inserter, scan.tree(), List.of(), settings.identity(), clock, message);
            Refs.update(repo, head.getTarget().getName(), commit, ObjectId.zeroId(), "nightshift: initial import");
            return commit;
        } finally {
            index.unlock();
        }
    }
}
