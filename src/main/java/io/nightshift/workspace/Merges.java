package io.nightshift.workspace;

import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Merging a parallel branch's commit into a workspace's branch. The merge runs in memory first, so a conflict
 * never leaves markers or a half-merged index behind; the working tree is only updated once the result is known.
 */
final class Merges {

    private Merges() {
    }

    static BranchMerge merge(Workspace ws, Repository repo, String label, String commitId) throws IOException {
        RevCommit head = Refs.commit(repo, ws.head());
        RevCommit other = Refs.commit(repo, commitId);
        requireClean(ws, repo, head);
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit h = walk.parseCommit(head);
            RevCommit o = walk.parseCommit(other);
            if (walk.isMergedInto(o, h)) {
                return new BranchMerge.AlreadyMerged(head.name());
            }
            walk.reset();
            if (walk.isMergedInto(h, o)) {
                moveTo(ws, repo, head, other, "merge " + label + ": fast-forward");
                return new BranchMerge.FastForward(other.name());
            }
        }
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repo, true);
        if (!merger.merge(head, other)) {
            TreeSet<String> paths = new TreeSet<>(merger.getUnmergedPaths());
            if (merger.getFailingPaths() != null) {
                paths.addAll(merger.getFailingPaths().keySet());
            }
            return new BranchMerge.Conflict(head.name(), List.copyOf(paths));
        }
        String name = label == null || label.isBlank() ? other.name() : label.strip();
        String message = "Merge " + name + " into " + ws.branch() + "\n\nNightshift-Run: " + ws.runId() + "\n";
        ObjectId merge;
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            merge = Commits.write(inserter, merger.getResultTreeId(), List.of(head, other), ws.settings().identity(),
                    ws.clock(), message);
        }
        moveTo(ws, repo, head, Refs.commit(repo, merge.name()), "merge " + name);
        return new BranchMerge.Merged(merge.name());
    }

    private static void requireClean(Workspace ws, Repository repo, RevCommit head) throws IOException {
        DirCache snapshot = repo.readDirCache();
        WorkTreeScan.Result scan;
        try (ObjectInserter ids = new IdOnlyInserter()) {
            scan = WorkTreeScan.run(repo, snapshot, ids, ws.settings());
        }
        if (!scan.tree().equals(head.getTree())) {
            List<String> dirty = ProtectedPaths.changedSince(repo, ws.settings(), head.name());
            throw new DirtyWorkingTreeException("Cannot merge into " + ws.branch() + ": the working tree has uncommitted"
                    + " changes (" + Dirty.describe(dirty) + "). Commit the stage first.", dirty);
        }
    }

    private static void moveTo(Workspace ws, Repository repo, RevCommit from, RevCommit to, String reflog)
            throws IOException {
        DirCache index = repo.lockDirCache();
        try {
            DirCacheCheckout checkout = new DirCacheCheckout(repo, from.getTree(), index, to.getTree());
            checkout.setFailOnConflict(true);
            checkout.checkout();
        } finally {
            index.unlock();
        }
        Refs.update(repo, Refs.heads(ws.branch()), to, from, reflog);
    }
}
