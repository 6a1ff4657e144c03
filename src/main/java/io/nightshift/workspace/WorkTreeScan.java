package io.nightshift.workspace;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * One pass over index and working tree that stages everything ({@code git add -A}, respecting .gitignore) except
 * deny-listed paths, into the given {@link DirCache}. Unchanged files are recognised from the index's stat data
 * and never re-read; ignored untracked directories are never entered. New content goes through {@code inserter}
 * as a stream, so large files are never held in memory (an {@link IdOnlyInserter} only computes ids).
 */
final class WorkTreeScan {

    /**
     * What the scan saw; {@code staged} paths differ from the index it started from; {@code indexChanged} tells
     * whether the new index content differs at all (staged paths or refreshed stat data), i.e. needs writing.
     */
    record Result(ObjectId tree, List<String> staged, List<String> denied, List<String> largeFiles,
                  List<String> warnings, boolean indexChanged) {
    }

    /** Special files named one by one in the warnings; the rest are counted. */
    private static final int MAX_NAMED = 20;

    private WorkTreeScan() {
    }

    /**
     * Builds the new index content into {@code index} (in memory: the caller decides whether to write it) and
     * returns the tree it describes, written through {@code inserter}.
     */
    static Result run(Repository repo, DirCache index, ObjectInserter inserter, WorkspaceSettings settings)
            throws IOException {
        PathPatterns deny = PathPatterns.of(settings.denyPatterns());
        List<String> staged = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        List<String> large = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean refreshed = false;
        specialFiles(repo); // forget what earlier listings (status, checkout) left out: this scan reports its own
        DirCacheBuilder builder = index.builder();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
            walk.setRecursive(false);
            int indexTree = walk.addTree(new DirCacheIterator(index));
            FileTreeIterator files = new FileTreeIterator(repo);
            int fileTree = walk.addTree(files);
            files.setDirCacheIterator(walk, indexTree);
            while (walk.next()) {
                String path = walk.getPathString();
                DirCacheIterator tracked = walk.getTree(indexTree, DirCacheIterator.class);
                WorkingTreeIterator file = walk.getTree(fileTree, WorkingTreeIterator.class);
                if (walk.isSubtree()) {
                    if (tracked == null && file != null && file.isEntryIgnored()) {
                        continue;
                    }
                    if (tracked == null && file != null && deny.matches(path)) {
                        denied.add(path + "/");
                        continue;
                    }
                    walk.enterSubtree();
                    continue;
                }
                if (file == null) {
                    DirCacheEntry old = tracked.getDirCacheEntry();
                    if (deny.matches(path)) {
                        denied.add(path);
                        builder.add(old);
                    } else {
                        staged.add(path);
                    }
                    continue;
                }
                if (tracked == null) {
                    if (file.isEntryIgnored()) {
                        continue;
                    }
                    if (deny.matches(path)) {
                        denied.add(path);
                        continue;
                    }
                    if (file.getEntryFileMode() == FileMode.GITLINK) {
                        warnings.add("Skipped '" + path + "': it is a nested git repository; its files are not committed.");
                        continue;
                    }
                    builder.add(stage(path, file, inserter, settings, large, warnings));
                    staged.add(path);
                    continue;
                }
                DirCacheEntry old = tracked.getDirCacheEntry();
                if (old.getFileMode() == FileMode.GITLINK) {
                    builder.add(old);
                    continue;
                }
                if (!file.isModified(old, true, reader)) {
                    refreshed |= refreshStat(old, file);
                    builder.add(old);
                    continue;
                }
                if (deny.matches(path)) {
                    denied.add(path);
                    builder.add(old);
                    continue;
                }
                builder.add(stage(path, file, inserter, settings, large, warnings));
                staged.add(path);
            }
        }
        builder.finish();
        warnings.addAll(skippedSpecialFiles(repo));
        ObjectId tree = index.writeTree(inserter);
        inserter.flush();
        return new Result(tree, staged, denied, large, warnings, refreshed || !staged.isEmpty());
    }

    private static DirCacheEntry stage(String path, WorkingTreeIterator file, ObjectInserter inserter,
                                       WorkspaceSettings settings, List<String> large, List<String> warnings)
            throws IOException {
        long size = file.getEntryLength();
        if (size > settings.largeFileThresholdBytes()) {
            large.add(path);
            warnings.add("Committed a large file '" + path + "' (" + (size / (1024 * 1024)) + " MB, above the "
                    + (settings.largeFileThresholdBytes() / (1024 * 1024)) + " MB threshold).");
        }
        ObjectId id;
        long contentLength = file.getEntryContentLength();
        try (InputStream in = file.openEntryStream()) {
            id = inserter.insert(Constants.OBJ_BLOB, contentLength, in);
        }
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(file.getEntryFileMode());
        entry.setObjectId(id);
        entry.setLength(size);
        entry.setLastModified(file.getEntryLastModifiedInstant());
        return entry;
    }

    /** Warnings for the special files the scan's listings left out ({@link NoExecFs}), at most a few by name. */
    private static List<String> skippedSpecialFiles(Repository repo) {
        List<String> paths = specialFiles(repo).stream()
                .map(f -> repo.getWorkTree().toPath().relativize(f.toPath()).toString().replace('\\', '/'))
                .sorted().toList();
        List<String> warnings = new ArrayList<>();
        for (String path : paths.subList(0, Math.min(paths.size(), MAX_NAMED))) {
            warnings.add("Skipped '" + path + "': it is a FIFO, socket or device file, not a file git can commit;"
                    + " it was not read and is not committed.");
        }
        if (paths.size() > MAX_NAMED) {
            warnings.add("Skipped " + (paths.size() - MAX_NAMED) + " more FIFO, socket or device files (not read,"
                    + " not committed).");
        }
        return warnings;
    }

    private static List<File> specialFiles(Repository repo) {
        return repo.getFS() instanceof NoExecFs fs ? fs.takeSpecialFiles() : List.of();
    }

    /** Returns whether the entry's stat data changed. */
    private static boolean refreshStat(DirCacheEntry entry, WorkingTreeIterator file) {
        if (entry.getLength() != file.getEntryLength()
                || !entry.getLastModifiedInstant().equals(file.getEntryLastModifiedInstant())) {
            entry.setLength(file.getEntryLength());
            entry.setLastModified(file.getEntryLastModifiedInstant());
            return true;
        }
        return false;
    }
}
