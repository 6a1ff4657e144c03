package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.FileAccessException;
import io.nightshift.sandbox.files.FileOwnership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Decides who the sandbox runs as, so files stay usable on both sides of the bind mount.
 *
 * <p>Rule: with {@code sandbox.user} unset the container runs as the uid:gid owning the workspace directory,
 * so files the agent creates belong to the same user as the rest of the workspace. A workspace owned by root is
 * the exception (a root service or CI): the sandbox never runs as root, so it runs as {@code 1000:1000} (the
 * image's {@code agent} user) and the workspace is handed over to that uid once, recursively, and handed back
 * (each path to its previous owner, new files to the workspace's) when the sandbox is removed, so the host's git
 * still accepts it. Files written through the tools on the host side get the sandbox's owner too.
 *
 * @param uid the container user
 * @param gid the container group
 * @param handOver whether the workspace must be chowned to uid:gid before the sandbox starts
 */
public record WorkspaceOwner(int uid, int gid, boolean handOver) {

    public static final int AGENT_UID = 1000;

    /** The owner for {@code workspace} under {@code policy}. */
    public static WorkspaceOwner decide(SandboxPolicy policy, Path workspace) {
        int ownerUid = attribute(workspace, "unix:uid");
        int ownerGid = attribute(workspace, "unix:gid");
        if (policy.user() != null) {
            String[] parts = policy.user().split(":");
            int uid = Integer.parseInt(parts[0]);
            int gid = Integer.parseInt(parts[1]);
            return new WorkspaceOwner(uid, gid, uid != ownerUid && ownerUid == 0);
        }
        if (ownerUid == 0) {
            return new WorkspaceOwner(AGENT_UID, AGENT_UID, true);
        }
        return new WorkspaceOwner(ownerUid, ownerGid, false);
    }

    /** The {@code --user} value. */
    public String user() {
        return uid + ":" + gid;
    }

    /** The owner host-side writes must give files, or null when this process already is that user. */
    public FileOwnership hostWrites() {
        int self = attribute(Path.of("/proc/self"), "unix:uid");
        return self == uid ? null : new FileOwnership(uid, gid);
    }

    /**
     * Chowns the workspace tree (links themselves, not their targets) when {@link #handOver()} says so, after
     * recording who owned what; the result gives it back ({@link SandboxContainer#close()} does).
     */
    WorkspaceHandover handOverIfNeeded(Path workspace) {
        if (!handOver) {
            return WorkspaceHandover.NONE;
        }
        WorkspaceHandover handover;
        try {
            handover = WorkspaceHandover.record(workspace);
        } catch (IOException | SecurityException e) {
            throw new FileAccessException(workspace.toString(), "cannot read the owners of the workspace before handing"
                    + " it to the sandbox user " + user() + " (" + e.getMessage() + ")");
        }
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
            return handover;
        } catch (IOException | SecurityException e) {
            handover.restore();
            throw new FileAccessException(workspace.toString(), "cannot hand the workspace over to the sandbox user "
                    + user() + " (" + e.getMessage() + "); run Nightshift as the workspace owner or set sandbox.user");
        }
    }

    /**
     * Creates {@code dir} if needed and makes the sandbox user its owner (the directory only, not what is in it),
     * so that commands in the sandbox can create files there; this process keeps access as root or as that user.
     */
    public void grantDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            if (attribute(dir, "unix:uid") != uid || attribute(dir, "unix:gid") != gid) {
                Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException | SecurityException e) {
            throw new FileAccessException(dir.toString(), "cannot make it writable for the sandbox user " + user()
                    + " (" + e.getMessage() + "); run Nightshift as root or as the workspace owner");
        }
    }

    private static int attribute(Path path, String name) {
        try {
            return (Integer) Files.getAttribute(path, name);
        } catch (IOException | UnsupportedOperationException e) {
            throw new FileAccessException(path.toString(), "cannot read its owner: " + e.getMessage());
        }
    }
}
