package io.nightshift.workspace;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A commit of the working tree exactly as it is now, as a stage commit would record it (.gitignore respected, the
 * deny list left out), that moves no ref and leaves the index alone: a dangling commit whose parent is the
 * branch head. Judging a stage in the middle of its work needs a fixed snapshot without deciding the stage's
 * history (the stage commit still comes after the stage, with its protected-path checks against the head it
 * started from). Git keeps a dangling commit until it prunes unreachable objects (two weeks by default).
 */
final class WorkingTreeSnapshots {

    private WorkingTreeSnapshots() {
    }

    static String snapshot(Workspace ws, Repository repo, String subject) throws IOException {
        RevCommit parent = Refs.commit(repo, ws.head());
        DirCache index = repo.readDirCache(); // an in-memory copy, never written back
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            WorkTreeScan.Result scan = WorkTreeScan.run(repo, index, inserter, ws.settings());
            if (scan.tree().equals(parent.getTree())) {
                return parent.name();
            }
            String message = subject.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")
                    + "\n\nNightshift-Run: " + ws.runId() + "\nNightshift-Snapshot: working tree\n";
            return Commits.write(inserter, scan.tree(), List.of(parent), ws.settings().identity(), ws.clock(),
                    message).name();
        }
    }
}
