package io.nightshift.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** File-system helpers: is this a repository, open one, clean up after a failed clone. */
final class Directories {

    private Directories() {
    }

    /** Whether {@code dir} is a working tree with a {@code .git} (directory or file) or a bare repository. */
    static boolean isRepository(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        return Files.exists(dir.resolve(".git")) || RepositoryCache.FileKey.isGitRepository(dir.toFile(), FS.DETECTED);
    }

    /**
     * Opens a workspace an agent may have written to: its git directory is checked first ({@link GitDirCheck}), and
     * the repository runs nothing and reads no configuration of its own ({@link GuardedRepository}).
     */
    static Repository openWorkspace(Path dir) throws IOException {
        if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            GitDirCheck.beforeOpen(dir);
        }
        Repository repo = open(dir);
        try {
            GitDirCheck.check(repo);
            return repo;
        } catch (IOException | RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /**
     * Opens the repository whose working tree (or bare directory) is {@code dir}, without looking at parents; used
     * as is for the user's own source repository, which no agent writes. Still a {@link GuardedRepository}: delivery
     * into the source runs none of its hooks either.
     */
    static Repository open(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true).setFS(new NoExecFs());
        if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            builder.setWorkTree(dir.toFile());
        } else {
            builder.setGitDir(dir.toFile());
        }
        return new GuardedRepository(builder.setup());
    }

    /** Opens a linked worktree (a parallel branch) by its administrative directory, checked as {@link #openWorkspace}. */
    static Repository openWorktree(Path admin, Path dir) throws IOException {
        GitDirCheck.beforeOpen(dir);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true).setFS(new NoExecFs())
                .setGitDir(admin.toFile()).setWorkTree(dir.toFile());
        return new GuardedRepository(builder.setup());
    }

    static boolean isNonEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /** Removes what a failed intake left in {@code dir}; the directory itself too unless it existed before. */
    static void clean(Path dir, boolean keepDirectory) {
        for (int attempt = 0; attempt < 3 && Files.isDirectory(dir); attempt++) {
            try {
                deleteTree(dir, keepDirectory);
                return;
            } catch (IOException e) {
                // Something was still being written (or is not removable); try again, then give up: the intake
                // failure being reported matters more than leftovers in a run directory.
                continue;
            }
        }
    }

    private static void deleteTree(Path dir, boolean keepDirectory) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (!d.equals(dir) || !keepDirectory) {
                    Files.deleteIfExists(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
