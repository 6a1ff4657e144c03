package io.nightshift.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;

/**
 * Read-only exports of a commit's tree, for judging a workspace snapshot without touching the live working tree:
 * what is exported is exactly what the commit holds, never uncommitted changes, and the repository is only read.
 */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * The full id of {@code commit} (a commit id, abbreviated id or ref name) in the repository at {@code repository}
     * (a working tree with {@code .git}, or a bare repository).
     *
     * @throws SourceNotFoundException when {@code repository} is not a git repository
     * @throws UnknownCommitException when the commit does not exist there
     */
    public static String resolve(Path repository, String commit) {
        Path dir = SnapshotExport.checkedRepository(repository);
        return Io.call("resolve " + commit + " in " + dir, () -> {
            try (var repo = Directories.openWorkspace(dir)) {
                return SnapshotExport.commit(repo, dir, commit).name();
            }
        });
    }

    /**
     * Writes the tree of {@code commit} into {@code target} (created if missing; it must be empty): regular files
     * with their executable bit, symbolic links as links with the target git recorded, empty directories for
     * submodules (their content is another repository). No {@code .git} is written.
     *
     * @throws UnknownCommitException when the commit does not exist, before anything is written
     * @throws WorkspaceException when {@code target} is not an empty directory or cannot be written
     */
    public static Snapshot export(Path repository, String commit, Path target) {
        Path dir = SnapshotExport.checkedRepository(repository);
        return Io.call("export " + commit + " of " + dir + " into " + target,
                () -> SnapshotExport.run(dir, commit, target.toAbsolutePath().normalize()));
    }

    /**
     * The paths whose content in the working tree differs from HEAD (changed, staged, deleted or untracked; ignored
     * files not counted), sorted: what a snapshot of HEAD leaves out. Empty for a bare repository.
     *
     * @throws SourceNotFoundException when {@code repository} is not a git repository
     */
    public static List<String> uncommittedChanges(Path repository) {
        Path dir = SnapshotExport.checkedRepository(repository);
        return Io.call("read the status of " + dir, () -> {
            try (var repo = Directories.openWorkspace(dir); Git git = Git.wrap(repo)) {
                if (repo.isBare()) {
                    return List.of();
                }
                Status status = git.status().call();
                TreeSet<String> dirty = new TreeSet<>(status.getUncommittedChanges());
                dirty.addAll(status.getUntracked());
                return List.copyOf(dirty);
            }
        });
    }
}
