package io.nightshift.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** Compares the working tree with a base commit and puts paths back as they were there. */
final class ProtectedPaths {

    private ProtectedPaths() {
    }

    static List<String> violations(Repository repo, WorkspaceSettings settings, String base) throws IOException {
        PathPatterns patterns = PathPatterns.of(settings.protectedPatterns());
        if (patterns.isEmpty()) {
            return List.of();
        }
        return changedSince(repo, settings, base).stream().filter(patterns::matches).toList();
    }

    static List<String> restore(Repository repo, WorkspaceSettings settings, String base, boolean everything)
            throws IOException {
        PathPatterns patterns = PathPatterns.of(settings.protectedPatterns());
        RevCommit commit = Refs.commit(repo, base);
        List<String> restored = new ArrayList<>();
        Path root = repo.getWorkTree().toPath();
        try (ObjectReader reader = repo.newObjectReader()) {
            for (String path : changedSince(repo, settings, base)) {
                if (!everything && !patterns.matches(path)) {
                    continue;
                }
                Path file = root.resolve(path);
                try (TreeWalk entry = TreeWalk.forPath(repo, reader, path, commit.getTree())) {
                    Files.deleteIfExists(file);
                    if (entry != null) {
                        write(reader, entry, file);
                    }
                }
                restored.add(path);
            }
        }
        return restored;
    }

    /** Paths whose current working-tree content (ignored and denied paths excluded) differs from {@code base}. */
    static List<String> changedSince(Repository repo, WorkspaceSettings settings, String base) throws IOException {
        RevCommit commit = Refs.commit(repo, base);
        DirCache snapshot = repo.readDirCache();
        try (ObjectInserter ids = new IdOnlyInserter()) {
            WorkTreeScan.run(repo, snapshot, ids, settings);
        }
        List<String> changed = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
            walk.addTree(new CanonicalTreeParser(null, reader, commit.getTree()));
            walk.addTree(new DirCacheIterator(snapshot));
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            while (walk.next()) {
                changed.add(walk.getPathString());
            }
        }
        return changed;
    }

    private static void write(ObjectReader reader, TreeWalk entry, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileMode mode = entry.getFileMode(0);
        ObjectLoader loader = reader.open(entry.getObjectId(0));
        if (mode == FileMode.SYMLINK) {
            Files.createSymbolicLink(file, Path.of(new String(loader.getCachedBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            return;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            loader.copyTo(out);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                permissions.add(PosixFilePermission.OWNER_EXECUTE);
                permissions.add(PosixFilePermission.GROUP_EXECUTE);
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(file, permissions);
            } catch (UnsupportedOperationException e) {
                file.toFile().setExecutable(true);
            }
        }
    }
}
