package io.nightshift.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Warnings about what a clone does not bring along: submodules and Git LFS content. */
final class SourceChecks {

    private static final int MAX_ATTRIBUTES_BYTES = 1 << 20;

    private SourceChecks() {
    }

    static void warn(Repository repo, RevCommit commit, List<String> warnings) throws IOException {
        List<String> submodules = new ArrayList<>();
        List<String> lfs = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                if (walk.getFileMode(0) == FileMode.GITLINK) {
                    submodules.add(path);
                } else if (walk.getNameString().equals(".gitattributes")) {
                    var loader = reader.open(walk.getObjectId(0));
                    if (loader.getSize() <= MAX_ATTRIBUTES_BYTES
                            && new String(loader.getCachedBytes(), StandardCharsets.UTF_8).contains("filter=lfs")) {
                        lfs.add(path);
                    }
                }
            }
        }
        if (!submodules.isEmpty()) {
            warnings.add("The source has submodules (" + Dirty.describe(submodules) + "); they are not cloned and"
                    + " stay empty directories in the workspace.");
        }
        if (!lfs.isEmpty()) {
            warnings.add("The source uses Git LFS (" + Dirty.describe(lfs) + "); LFS files stay pointer files in the"
                    + " workspace, and their real content is not available to the run.");
        }
    }
}
