package io.nightshift.workspace;

import java.io.IOException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Ref names of the Nightshift namespace, and small ref operations. */
final class Refs {

    private Refs() {
    }

    static String runBranch(String runId) {
        return "nightshift/" + runId;
    }

    static String forkBranch(String runId, String name) {
        return "nightshift-parallel/" + runId + "/" + name;
    }

    static String baseRef(String branch) {
        return "refs/nightshift/base/" + branch;
    }

    static String interruptedPrefix(String runId) {
        return "refs/nightshift/" + runId + "/interrupted/";
    }

    static String candidatesPrefix(String runId) {
        return "refs/nightshift/" + runId + "/candidates/";
    }

    static String heads(String branch) {
        return Constants.R_HEADS + branch;
    }

    /** Resolves {@code id} to a commit of {@code repo}, or throws {@link UnknownCommitException}. */
    static RevCommit commit(Repository repo, String id) throws IOException {
        ObjectId object;
        try {
            object = id == null ? null : repo.resolve(id + "^{commit}");
        } catch (RevisionSyntaxException | MissingObjectException | IncorrectObjectTypeException
                | AmbiguousObjectException e) {
            object = null;
        }
        if (object != null) {
            try (RevWalk walk = new RevWalk(repo)) {
                return walk.parseCommit(object);
            } catch (MissingObjectException | IncorrectObjectTypeException e) {
                object = null;
            }
        }
        throw new UnknownCommitException(id, "No commit '" + id + "' in the workspace at " + repo.getWorkTree()
                + ". Use a full commit id from workspace.json or the run branch's history.");
    }

    /** Points {@code name} at {@code target}, expecting {@code expected} (null: any, zeroId: must not exist). */
    static void update(Repository repo, String name, AnyObjectId target, AnyObjectId expected, String reflog)
            throws IOException {
        // Parallel branches share one repository: JGit creates and prunes reflog directories without guarding
        // against a concurrent writer, so two branches forking at once could lose a reflog file (a failed fork).
        synchronized (UPDATE_LOCKS[Math.floorMod(repo.getCommonDirectory().getAbsolutePath().hashCode(),
                UPDATE_LOCKS.length)]) {
            updateAlone(repo, name, target, expected, reflog);
        }
    }

    private static final Object[] UPDATE_LOCKS = newLocks(32);

    private static Object[] newLocks(int n) {
        Object[] locks = new Object[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new Object();
        }
        return locks;
    }

    private static void updateAlone(Repository repo, String name, AnyObjectId target, AnyObjectId expected,
            String reflog) throws IOException {
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(target);
        if (expected != null) {
            update.setExpectedOldObjectId(expected);
        } else {
            update.setForceUpdate(true);
        }
        update.setRefLogMessage(reflog, false);
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
            }
            default -> throw new WorkspaceStorageException("Cannot move " + name + " to " + target.name() + ": " + result
                    + (result == RefUpdate.Result.LOCK_FAILURE ? " (another process changed or locked it)" : ""),
                    result == RefUpdate.Result.LOCK_FAILURE, null);
        }
    }

    /** Points HEAD at {@code branch} symbolically. */
    static void linkHead(Repository repo, String branch) throws IOException {
        RefUpdate.Result result = repo.updateRef(Constants.HEAD).link(heads(branch));
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED && result != RefUpdate.Result.NO_CHANGE) {
            throw new WorkspaceStorageException("Cannot point HEAD at " + branch + ": " + result, false, null);
        }
    }
}
