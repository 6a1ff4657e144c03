package io.nightshift.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Parallel branches as git linked worktrees. JGit cannot create them ({@code git worktree add}) but reads them
 * (commondir support), so the administrative files are written here in git's layout:
 * {@code <common>/worktrees/<id>/{HEAD,commondir,gitdir}} and a {@code .git} file in the new directory. Objects and
 * refs are shared with the run repository, so a branch's commits are visible to {@link Merges} without a fetch,
 * and the git CLI ({@code git worktree list}, {@code git log}) sees the branch directory as a normal worktree.
 * A clone per branch would have copied objects both ways; alternates alone would not share refs.
 */
final class Forks {

    private Forks() {
    }

    static Workspace fork(Workspace parent, Repository repo, String name, String fromCommit, Path directory)
            throws IOException {
        RevCommit start = Refs.commit(repo, fromCommit);
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.exists(dir) && (!Files.isDirectory(dir) || isNonEmpty(dir))) {
            throw new WorkspaceException("Cannot fork branch " + name + " into " + dir + ": it exists and is not an"
                    + " empty directory. Choose another directory or remove it.", false);
        }
        String branch = Refs.forkBranch(parent.runId(), name);
        Path common = repo.getCommonDirectory().toPath().toAbsolutePath();
        Path admin = common.resolve("worktrees").resolve(parent.runId() + "-" + name);
        for (int n = 2; Files.exists(admin); n++) {
            admin = common.resolve("worktrees").resolve(parent.runId() + "-" + name + "-" + n);
        }
        Files.createDirectories(admin);
        Files.createDirectories(dir);
        Refs.update(repo, Refs.heads(branch), start, null, "nightshift: fork " + name);
        Refs.update(repo, Refs.baseRef(branch), start, null, "nightshift: fork base");
        write(admin.resolve("HEAD"), "ref: " + Refs.heads(branch));
        write(admin.resolve("commondir"), admin.relativize(common).toString());
        write(admin.resolve("gitdir"), dir.resolve(".git").toString());
        write(dir.resolve(".git"), "gitdir: " + admin);
        Repository worktree = Directories.openWorktree(admin, dir);
        try {
            DirCacheCheckout checkout = new DirCacheCheckout(worktree, worktree.lockDirCache(), start.getTree());
            checkout.setFailOnConflict(true);
            checkout.checkout();
        } catch (IOException | RuntimeException e) {
            worktree.close();
            throw e;
        }
        return new Workspace(worktree, parent.runId(), branch, start.name(), Workspace.Kind.FORK,
                parent.sourceInfo(), parent.settings(), parent.clock(), List.of());
    }

    /**
     * Removes the worktrees of run {@code runId}'s parallel branches that a killed process left behind (a resume
     * opens new ones): each one's uncommitted work goes on a side ref first, its branch (and so its commits) stays,
     * its directory and git's bookkeeping for it go. Returns what was done, one line per worktree.
     */
    static List<String> discardStale(Workspace run, Repository repo) throws IOException {
        Path worktrees = repo.getCommonDirectory().toPath().toAbsolutePath().resolve("worktrees");
        List<String> done = new java.util.ArrayList<>();
        if (!Files.isDirectory(worktrees)) {
            return done;
        }
        List<Path> admins;
        try (var entries = Files.list(worktrees)) {
            admins = entries.filter(a -> a.getFileName().toString().startsWith(run.runId() + "-")).sorted().toList();
        }
        for (Path admin : admins) {
            Path dir = workTreeOf(admin);
            String kept = "";
            if (dir != null && Files.isRegularFile(dir.resolve(".git")) && Files.isRegularFile(admin.resolve("HEAD"))) {
                kept = keepUncommitted(run, repo, admin, dir);
            }
            if (dir != null) {
                Directories.clean(dir, false);
            }
            Directories.clean(admin, false);
            done.add((dir != null ? dir.toString() : admin.getFileName().toString()) + kept);
        }
        return done;
    }

    private static String keepUncommitted(Workspace run, Repository repo, Path admin, Path dir) throws IOException {
        String head = Files.readString(admin.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref: " + Constants.R_HEADS)) {
            return "";
        }
        String branch = head.substring(("ref: " + Constants.R_HEADS).length());
        try (Repository worktree = Directories.openWorktree(admin, dir)) {
            if (!worktree.getCommonDirectory().toPath().toRealPath().equals(
                    repo.getCommonDirectory().toPath().toRealPath())) {
                return ""; // its commondir names another repository: nothing of this run to keep there
            }
            Ref tip = worktree.exactRef(Refs.heads(branch));
            if (tip == null || tip.getObjectId() == null) {
                return "";
            }
            RevCommit commit = Refs.commit(worktree, tip.getObjectId().name());
            Workspace fork = new Workspace(worktree, run.runId(), branch, commit.name(), Workspace.Kind.FORK,
                    run.sourceInfo(), run.settings(), run.clock(), List.of());
            ObjectId saved = Resets.uncommitted(fork, worktree, commit, "removing the worktree of an interrupted run");
            return saved == null ? "" : " (uncommitted work kept on " + Resets.keep(worktree, run.runId(), saved) + ")";
        }
    }

    /**
     * The working directory git's {@code gitdir} file in a worktree's admin directory names, or null. Both files
     * can be rewritten by an agent, and the directory is deleted next, so it counts only when its {@code .git} is
     * a plain file that points back at this very admin directory.
     */
    private static Path workTreeOf(Path admin) throws IOException {
        Path gitdir = admin.resolve("gitdir");
        if (!Files.isRegularFile(gitdir, LinkOption.NOFOLLOW_LINKS) || Files.size(gitdir) > 4096) {
            return null;
        }
        Path dotGit = Path.of(Files.readString(gitdir, StandardCharsets.UTF_8).strip());
        if (!Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS) || Files.size(dotGit) > 4096) {
            return null;
        }
        String pointer = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
        if (!pointer.equals("gitdir: " + admin) && !pointer.equals("gitdir: " + admin.toAbsolutePath())) {
            return null;
        }
        return dotGit.getParent();
    }

    private static boolean isNonEmpty(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static void write(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8);
    }

}
