package io.nightshift.workspace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.NullOutputStream;

/**
 * The run's commits as delivered: the first-parent chain from the base to the head, oldest first. A merge of a
 * parallel branch appears as one commit holding the branch's changes, so every step applies to the one before.
 */
final class RunHistory {

    /** One changed file: its path and line counts ({@code binary}: counts are zero). */
    record FileStat(String path, int insertions, int deletions, boolean binary) {
    }

    /** One commit with its first parent (null for a root commit) and per-file numbers. */
    record Step(RevCommit commit, RevCommit parent, List<FileStat> files) {

        int insertions() {
            return files.stream().mapToInt(FileStat::insertions).sum();
        }

        int deletions() {
            return files.stream().mapToInt(FileStat::deletions).sum();
        }
    }

    private RunHistory() {
    }

    static List<Step> between(Repository repo, ObjectId base, ObjectId head) throws IOException {
        List<RevCommit> chain = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(head);
            while (!c.equals(base)) {
                chain.add(c);
                if (c.getParentCount() == 0) {
                    break;
                }
                c = walk.parseCommit(c.getParent(0));
            }
        }
        Collections.reverse(chain);
        List<Step> steps = new ArrayList<>();
        try (DiffFormatter diff = formatter(repo); RevWalk walk = new RevWalk(repo)) {
            for (RevCommit commit : chain) {
                RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
                List<FileStat> files = new ArrayList<>();
                for (DiffEntry entry : diff.scan(parent == null ? null : parent.getTree(), commit.getTree())) {
                    files.add(stat(diff, entry));
                }
                steps.add(new Step(commit, parent, files));
            }
        }
        return steps;
    }

    static DiffFormatter formatter(Repository repo) {
        DiffFormatter diff = new DiffFormatter(NullOutputStream.INSTANCE);
        diff.setRepository(repo);
        diff.setDetectRenames(false);
        return diff;
    }

    static String path(DiffEntry entry) {
        return entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
    }

    private static FileStat stat(DiffFormatter diff, DiffEntry entry) throws IOException {
        FileHeader header = diff.toFileHeader(entry);
        if (header.getPatchType() != FileHeader.PatchType.UNIFIED) {
            return new FileStat(path(entry), 0, 0, true);
        }
        int insertions = 0;
        int deletions = 0;
        for (Edit edit : header.toEditList()) {
            insertions += edit.getLengthB();
            deletions += edit.getLengthA();
        }
        return new FileStat(path(entry), insertions, deletions, false);
    }
}
