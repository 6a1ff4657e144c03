package io.nightshift.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;

/**
 * Checks a workspace's git directory before JGit opens it and before every operation on it: an agent can write
 * all of {@code .git}, and JGit follows paths there as the host's user. Refused, with an
 * {@link UnsafeWorkspaceException}: a {@code .git} that is a symbolic link; a symbolic link, FIFO, socket or device
 * anywhere in the git directory (JGit would read or write through it, or block on it); {@code objects/info/alternates}
 * (objects borrowed from another repository on the host, which delivery would then ship); a {@code commondir} that
 * moves a run workspace's refs and objects elsewhere; a {@code config} that is not a small plain file or that
 * includes other files ({@code include.path}, {@code includeIf}), since JGit reads {@code config} itself when it
 * opens a repository. Loose objects are not visited one by one (a long run has thousands); their fan-out
 * directories are.
 */
final class GitDirCheck {

    static final long CONFIG_LIMIT = 256 * 1024;
    private static final int POINTER_LIMIT = 4096;
    private static final Pattern FAN_OUT = Pattern.compile("[0-9a-f]{2}");
    /**
     * Config contents already parsed and found safe: the verdict depends on the bytes alone, and the workspaces of
     * a process mostly hold the same few, so the parse runs once per content instead of once per operation.
     */
    private static final java.util.Set<String> VERIFIED_CONFIGS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int VERIFIED_LIMIT = 64;

    private GitDirCheck() {
    }

    /** Before opening the working tree {@code workTree} (its {@code .git} a directory or a {@code gitdir:} file). */
    static void beforeOpen(Path workTree) throws IOException {
        Path dotGit = workTree.resolve(".git");
        if (Files.isSymbolicLink(dotGit)) {
            throw refuse(dotGit, "is a symbolic link (to " + Files.readSymbolicLink(dotGit) + ")");
        }
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(dotGit.resolve("commondir"), LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(dotGit.resolve("commondir"), "moves this repository's refs and objects elsewhere");
            }
            checkTree(dotGit, dotGit);
            return;
        }
        if (Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            String pointer = small(dotGit).strip();
            if (!pointer.startsWith("gitdir:")) {
                throw refuse(dotGit, "is a file but not a 'gitdir:' pointer");
            }
            Path gitDir = workTree.resolve(pointer.substring("gitdir:".length()).strip()).normalize();
            Path common = gitDir;
            Path commondir = gitDir.resolve("commondir");
            if (Files.exists(commondir, LinkOption.NOFOLLOW_LINKS)) {
                common = gitDir.resolve(small(commondir).strip()).normalize();
            }
            checkTree(gitDir, common);
        }
    }

    /** Before an operation on {@code repo}: nothing in its git directory changed into something unsafe. */
    static void check(Repository repo) throws IOException {
        Path gitDir = repo.getDirectory().toPath();
        Path common = repo.getCommonDirectory().toPath();
        if (!repo.isBare()) {
            Path dotGit = repo.getWorkTree().toPath().resolve(".git");
            if (Files.isSymbolicLink(dotGit)) {
                throw refuse(dotGit, "is a symbolic link (to " + Files.readSymbolicLink(dotGit) + ")");
            }
            if (dotGit.equals(gitDir) && !gitDir.equals(common)) {
                throw refuse(gitDir.resolve("commondir"), "moves this repository's refs and objects elsewhere");
            }
        }
        checkTree(gitDir, common);
    }

    private static void checkTree(Path gitDir, Path common) throws IOException {
        walk(gitDir, !gitDir.equals(common));
        if (!gitDir.equals(common)) {
            walk(common, false);
        }
        for (String name : new String[] {"alternates", "http-alternates"}) {
            Path file = common.resolve("objects").resolve("info").resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(file, "borrows objects from another repository");
            }
        }
        checkConfig(common.resolve("config"));
    }

    private static void walk(Path root, boolean linkedWorktree) throws IOException {
        BasicFileAttributes top;
        try {
            top = Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw refuse(root, "does not exist");
        }
        if (!top.isDirectory()) {
            throw refuse(root, top.isSymbolicLink() ? "is a symbolic link" : "is not a directory");
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path parent = dir.getParent();
                if (!linkedWorktree && dir.equals(root.resolve("worktrees"))) {
                    return FileVisitResult.SKIP_SUBTREE; // each linked worktree is checked when it is opened
                }
                boolean looseObjects = parent != null && parent.equals(root.resolve("objects"))
                        && FAN_OUT.matcher(dir.getFileName().toString()).matches();
                return looseObjects ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    throw refuse(file, "is a symbolic link (to " + Files.readSymbolicLink(file) + ")");
                }
                if (attrs.isOther()) {
                    throw refuse(file, "is a FIFO, socket or device, not a file");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // git removed a lock or temp file meanwhile
                }
                throw e;
            }
        });
    }

    private static void checkConfig(Path config) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(config, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (!attrs.isRegularFile()) {
            throw refuse(config, "is not a plain file");
        }
        if (attrs.size() > CONFIG_LIMIT) {
            throw refuse(config, "is " + attrs.size() + " bytes, more than the " + CONFIG_LIMIT + " a git config needs");
        }
        byte[] bytes = Files.readAllBytes(config);
        if (bytes.length > CONFIG_LIMIT) {
            throw refuse(config, "is " + bytes.length + " bytes, more than the " + CONFIG_LIMIT + " a git config needs");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1); // a key for the cache only, one char a byte
        if (VERIFIED_CONFIGS.contains(text)) {
            return; // the very bytes were found safe before (the check runs before every operation; issue 21)
        }
        Config parsed = new Config(); // a plain Config never follows include.path
        try {
            parsed.fromText(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (ConfigInvalidException | java.nio.charset.CharacterCodingException e) {
            throw refuse(config, "is not a valid git config");
        }
        for (String section : parsed.getSections()) {
            if (section.equalsIgnoreCase("include") || section.equalsIgnoreCase("includeIf")) {
                throw refuse(config, "includes other files ([" + section + "]); JGit would read them as the host's user");
            }
        }
        if (VERIFIED_CONFIGS.size() >= VERIFIED_LIMIT) {
            VERIFIED_CONFIGS.clear();
        }
        VERIFIED_CONFIGS.add(text);
    }

    /** A small pointer file ({@code .git}, {@code commondir}), read without following a link. */
    private static String small(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isRegularFile() || attrs.size() > POINTER_LIMIT) {
            throw refuse(file, "is not a small plain file");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static UnsafeWorkspaceException refuse(Path path, String what) {
        return new UnsafeWorkspaceException("The workspace's git data " + path + " " + what + ". Nightshift does not"
                + " follow links, read other repositories or run anything an agent could have put into a workspace."
                + " Remove it (git itself does not need it) and resume the run, or start a new run.");
    }
}
