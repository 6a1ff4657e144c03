package io.nightshift.sandbox.files;

import io.nightshift.sandbox.FileAccessException;
import io.nightshift.sandbox.PathOutsideWorkspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Maps the paths tools use to files on this machine and refuses every path that leaves the workspace.
 *
 * <p>Relative paths are resolved against the workspace root. Absolute paths are accepted when they lie under the
 * root as the tools see it ({@code visibleRoot}: the host path for a local environment, {@code /workspace} inside
 * a container). Symbolic links are resolved to their real targets (dangling ones too), so a link pointing out of
 * the workspace is refused like {@code ..} is. The check is made when the path is resolved; a process racing to
 * swap links in between is outside what this class defends against (the container mount is the boundary there).
 */
public final class WorkspacePaths {

    private static final int MAX_LINK_HOPS = 40;

    private final Path hostRoot;
    private final Path visibleRoot;
    private final boolean visibleIsHost;

    /**
     * @param hostRoot the workspace directory on this machine; must exist
     * @param visibleRoot the absolute path under which tools see the workspace
     */
    public WorkspacePaths(Path hostRoot, String visibleRoot) {
        try {
            this.hostRoot = hostRoot.toRealPath();
        } catch (IOException e) {
            throw new FileAccessException(hostRoot.toString(), "workspace directory cannot be opened: " + e, e);
        }
        this.visibleRoot = Path.of(visibleRoot).normalize();
        this.visibleIsHost = this.visibleRoot.equals(this.hostRoot);
    }

    /** Paths for a workspace that tools see at its real host location. */
    public static WorkspacePaths local(Path hostRoot) {
        Path real;
        try {
            real = hostRoot.toRealPath();
        } catch (IOException e) {
            throw new FileAccessException(hostRoot.toString(), "workspace directory cannot be opened: " + e, e);
        }
        return new WorkspacePaths(real, real.toString());
    }

    public Path hostRoot() {
        return hostRoot;
    }

    public String visibleRoot() {
        return visibleRoot.toString();
    }

    /**
     * The real host path of {@code path} (null or blank means the root).
     *
     * @throws PathOutsideWorkspaceException when it resolves outside the workspace
     */
    public Path resolve(String path) {
        if (path == null || path.isBlank()) {
            return hostRoot;
        }
        Path given;
        try {
            given = Path.of(path);
        } catch (InvalidPathException e) {
            throw new FileAccessException(path, "not a valid path: " + e.getReason());
        }
        Path lexical;
        if (given.isAbsolute()) {
            Path normal = given.normalize();
            if (normal.startsWith(visibleRoot)) {
                lexical = hostRoot.resolve(visibleRoot.relativize(normal).toString());
            } else if (visibleIsHost) {
                lexical = normal;
            } else {
                throw outside(path);
            }
        } else {
            lexical = hostRoot.resolve(given).normalize();
        }
        Path real = realPath(lexical, path, 0);
        if (!real.startsWith(hostRoot)) {
            throw outside(path);
        }
        return real;
    }

    /** The path of a host file relative to the workspace root, with {@code /} separators; the root itself is ".". */
    public String relative(Path host) {
        String rel = hostRoot.relativize(host).toString();
        return rel.isEmpty() ? "." : rel;
    }

    private PathOutsideWorkspaceException outside(String path) {
        return new PathOutsideWorkspaceException(path, visibleIsHost ? hostRoot.toString()
                : visibleRoot + " (host: " + hostRoot + ")");
    }

    private Path realPath(Path absolute, String asGiven, int hops) {
        if (hops > MAX_LINK_HOPS) {
            throw new FileAccessException(asGiven, "too many levels of symbolic links");
        }
        Path existing = absolute;
        Deque<Path> missing = new ArrayDeque<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                Path target = existing.resolveSibling(Files.readSymbolicLink(existing)).normalize();
                return realPath(append(target, missing), asGiven, hops + 1);
            }
            return append(existing.toRealPath(), missing);
        } catch (IOException e) {
            throw new FileAccessException(asGiven, "cannot resolve path: " + e, e);
        }
    }

    private static Path append(Path base, Deque<Path> missing) {
        Path result = base;
        for (Path part : missing) {
            result = result.resolve(part);
        }
        return result;
    }
}
