package io.nightshift.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The work behind {@link Snapshots#export}. Directories are created one level at a time as the walk enters them
 * and every file is created new, so an entry can never be written through a symbolic link of the same tree.
 */
final class SnapshotExport {

    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private SnapshotExport() {
    }

    static Path checkedRepository(Path repository) {
        Path dir = repository.toAbsolutePath().normalize();
        if (!Directories.isRepository(dir)) {
            throw new SourceNotFoundException(dir.toString(), "Cannot export a snapshot from " + dir + ": "
                    + (Files.exists(dir) ? "it is not a git repository." : "it does not exist."));
        }
        return dir;
    }

    static RevCommit commit(Repository repo, Path dir, String commit) throws IOException {
        try {
            return Refs.commit(repo, commit);
        } catch (UnknownCommitException e) {
            throw new UnknownCommitException(commit, "No commit '" + commit + "' in the repository at " + dir
                    + "; a snapshot can only be taken of a commit (uncommitted work is never judged).");
        }
    }

    static Snapshot run(Path dir, String commitId, Path target) throws IOException {
        try (Repository repo = Directories.openWorkspace(dir)) {
            RevCommit commit = commit(repo, dir, commitId);
            prepareTarget(target);
            int files = 0;
            int submodules = 0;
            long bytes = 0;
            try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = new TreeWalk(repo, reader)) {
                walk.addTree(commit.getTree());
                walk.setRecursive(false);
                while (walk.next()) {
                    Path path = target.resolve(walk.getPathString());
                    FileMode mode = walk.getFileMode(0);
                    if (walk.isSubtree()) {
                        Files.createDirectory(path);
                        walk.enterSubtree();
                    } else if (mode == FileMode.GITLINK) {
                        Files.createDirectory(path);
                        submodules++;
                    } else if (mode == FileMode.SYMLINK) {
                        String link = new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                        Files.createSymbolicLink(path, Path.of(link));
                        files++;
                    } else {
                        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                            reader.open(walk.getObjectId(0)).copyTo(out);
                        }
                        if (mode == FileMode.EXECUTABLE_FILE) {
                            Files.setPosixFilePermissions(path, EXECUTABLE);
                        }
                        bytes += Files.size(path);
                        files++;
                    }
                }
            }
            return new Snapshot(commit.name(), target, files, bytes, submodules);
        }
    }

    private static void prepareTarget(Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) || Directories.isNonEmpty(target)) {
                throw new WorkspaceException("Cannot export a snapshot into " + target
                        + ": it must be an empty directory or not exist yet.", false);
            }
        } else {
            Files.createDirectories(target);
        }
    }
}
