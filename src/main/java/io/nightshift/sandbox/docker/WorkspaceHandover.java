package io.nightshift.sandbox.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Who owned a workspace before it was handed over to the sandbox user ({@link WorkspaceOwner}), so that it can be
 * handed back when the sandbox goes: every path gets its recorded owner again, and what the sandbox created gets
 * the workspace directory's owner. Without this, a root-owned {@code --workspace} would stay owned by uid 1000 and
 * the host's git would refuse it ("dubious ownership").
 */
final class WorkspaceHandover {

    static final WorkspaceHandover NONE = new WorkspaceHandover(null, Map.of(), null);

    private record Owner(int uid, int gid) {
    }

    private final Path workspace;
    private final Map<Path, Owner> before;
    private final Owner rootOwner;

    private WorkspaceHandover(Path workspace, Map<Path, Owner> before, Owner rootOwner) {
        this.workspace = workspace;
        this.before = before;
        this.rootOwner = rootOwner;
    }

    /** Records the owner of every path under {@code workspace} (links themselves, not their targets). */
    static WorkspaceHandover record(Path workspace) throws IOException {
        Map<Path, Owner> owners = new HashMap<>();
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                owners.put(p, ownerOf(p));
            }
        }
        return new WorkspaceHandover(workspace, owners, owners.get(workspace));
    }

    /**
     * Gives every path under the workspace back its recorded owner, new paths the workspace's. Best effort and
     * never throws: a path that vanished meanwhile is skipped; a failure is returned as a message (null if none).
     */
    String restore() {
        if (workspace == null || !Files.isDirectory(workspace, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Owner wanted = before.getOrDefault(p, rootOwner);
                try {
                    if (!ownerOf(p).equals(wanted)) {
                        Files.setAttribute(p, "unix:uid", wanted.uid(), LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(p, "unix:gid", wanted.gid(), LinkOption.NOFOLLOW_LINKS);
                    }
                } catch (NoSuchFileException gone) {
                    // removed while we walked: nothing to hand back
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot give " + workspace + " back to uid " + rootOwner.uid() + " (" + e.getMessage() + ")";
        }
    }

    private static Owner ownerOf(Path p) throws IOException {
        return new Owner((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                (Integer) Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }
}
