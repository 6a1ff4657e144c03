package io.nightshift.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/** Resume support: hard reset to a commit, keeping what was there on a side ref. */
final class Resets {

    private Resets() {
    }

    static ResetResult resetTo(Workspace ws, Repository repo, String commitId) throws IOException, GitAPIException {
        RevCommit target = Refs.commit(repo, commitId);
        RevCommit head = Refs.commit(repo, ws.head());
        ObjectId saved = uncommitted(ws, repo, head, "resetting to " + target.name());
        if (saved == null && !head.equals(target)) {
            saved = head.getId();
        }
        Optional<String> sideRef = Optional.empty();
        if (saved != null) {
            sideRef = Optional.of(keep(repo, ws.runId(), saved));
        }
        List<String> untracked = new ArrayList<>();
        try (Git git = Git.wrap(repo)) {
            untracked.addAll(git.status().call().getUntracked());
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(target.name()).call();
        }
        PathPatterns deny = PathPatterns.of(ws.settings().denyPatterns());
        List<String> removed = new ArrayList<>();
        Path root = repo.getWorkTree().toPath();
        for (String path : untracked) {
            if (deny.matches(path)) {
                continue;
            }
            Path file = root.resolve(path);
            if (Files.deleteIfExists(file)) {
                removed.add(path);
                removeEmptyParents(root, file.getParent());
            }
        }
        removed.sort(null);
        return new ResetResult(target.name(), head.name(), sideRef, removed);
    }

    /**
     * A commit on top of {@code head} holding the working tree as it is (tracked, untracked, not ignored or denied),
     * or null when the tree matches {@code head}.
     */
    static ObjectId uncommitted(Workspace ws, Repository repo, RevCommit head, String why) throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            DirCache snapshot = repo.readDirCache();
            WorkTreeScan.Result scan = WorkTreeScan.run(repo, snapshot, inserter, ws.settings());
            if (scan.tree().equals(head.getTree())) {
                return null;
            }
            String message = "Interrupted work on " + ws.branch() + "\n\nUncommitted changes saved by Nightshift"
                    + " before " + why + ".\n\nNightshift-Run: " + ws.runId() + "\n";
            ObjectId id = Commits.write(inserter, scan.tree(), List.of(head), ws.settings().identity(), ws.clock(),
                    message);
            return id;
        }
    }

    /** Points the next free {@code refs/nightshift/<run-id>/interrupted/<n>} at {@code commit}; returns its name. */
    static String keep(Repository repo, String runId, ObjectId commit) throws IOException {
        return keepUnder(repo, Refs.interruptedPrefix(runId), commit, "nightshift: keep interrupted work");
    }

    /** Points the next free {@code <prefix><n>} (n = 1, 2, ...) at {@code commit}; returns its name. */
    static String keepUnder(Repository repo, String prefix, ObjectId commit, String reflog) throws IOException {
        // numbering and creating must not interleave: candidates of one stage are kept from one thread, but two
        // stages could keep theirs at once; the expected zero id makes a lost race fail instead of overwrite
        synchronized (Resets.class) {
            String name = nextSideRef(repo, prefix);
            Refs.update(repo, name, commit, ObjectId.zeroId(), reflog);
            return name;
        }
    }

    private static String nextSideRef(Repository repo, String prefix) throws IOException {
        int highest = 0;
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
            try {
                highest = Math.max(highest, Integer.parseInt(ref.getName().substring(prefix.length())));
            } catch (NumberFormatException e) {
                continue;
            }
        }
        return prefix + (highest + 1);
    }

    private static void removeEmptyParents(Path root, Path dir) throws IOException {
        while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }
}
