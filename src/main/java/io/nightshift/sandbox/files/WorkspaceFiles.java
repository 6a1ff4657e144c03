package io.nightshift.sandbox.files;

import io.nightshift.sandbox.DirEntry;
import io.nightshift.sandbox.FileAccessException;
import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.InvalidPatternException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The file operations of an {@link io.nightshift.sandbox.ExecutionEnvironment}, acting directly on the host side
 * of a workspace; shared by the local environment and the Docker sandbox (whose workspace is a bind mount).
 * Every path goes through {@link WorkspacePaths}; results name files relative to the workspace root.
 * Thread-safe: it holds no mutable state, and writes replace files atomically.
 */
public final class WorkspaceFiles {

    /** Whole-file reads above this size are refused with advice to page through offset and limit. */
    public static final long MAX_WHOLE_FILE_BYTES = 16L * 1024 * 1024;

    private static final String SPECIAL_FILE = "is a FIFO, socket or device file, not a regular file; not read"
            + " (run a shell command in the sandbox if you need to use it)";

    private final WorkspacePaths paths;
    private final TextSearch search;
    private final FileOwnership ownership;

    /** @param ownership the owner given to written files and created directories, or null to leave it alone */
    public WorkspaceFiles(WorkspacePaths paths, TextSearch search, FileOwnership ownership) {
        this.paths = paths;
        this.search = search;
        this.ownership = ownership;
    }

    public WorkspacePaths paths() {
        return paths;
    }

    /** Text of a file, or the lines {@code offset} (1-based) to {@code offset + limit - 1}, terminators kept. */
    public String read(String path, Integer offset, Integer limit) {
        Path file = existingFile(path);
        if (offset != null && offset < 1) {
            throw new FileAccessException(path, "offset must be 1 or more (the first line is 1), got " + offset);
        }
        if (limit != null && limit < 0) {
            throw new FileAccessException(path, "limit must not be negative, got " + limit);
        }
        try {
            if (TextFiles.looksBinary(file)) {
                throw new FileAccessException(path, "looks like a binary file (it contains NUL bytes); not read as text");
            }
            if (offset == null && limit == null) {
                long size = Files.size(file);
                if (size > MAX_WHOLE_FILE_BYTES) {
                    throw new FileAccessException(path, "is " + size + " bytes, too large to read whole; read it in "
                            + "parts with offset and limit");
                }
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            }
            return readLines(path, file, offset == null ? 1 : offset, limit == null ? Integer.MAX_VALUE : limit);
        } catch (IOException e) {
            throw failure(path, e);
        }
    }

    private static String readLines(String shown, Path file, int first, int count) throws IOException {
        StringBuilder out = new StringBuilder();
        int number = 0;
        int taken = 0;
        try (BufferedReader reader = TextFiles.lenientReader(file)) {
            String line;
            while (taken < count && (line = TextFiles.readLineKeepingEnd(reader)) != null) {
                number++;
                if (number >= first) {
                    out.append(line);
                    taken++;
                }
            }
        }
        if (number < first && !(number == 0 && first == 1)) {
            throw new FileAccessException(shown, "offset " + first + " is past the end of the file (" + number
                    + " lines)");
        }
        return out.toString();
    }

    /** Writes a file through a temporary sibling and an atomic rename, creating parent directories. */
    public void write(String path, String content) {
        Path file = paths.resolve(path);
        if (Files.isDirectory(file)) {
            throw new FileAccessException(path, "is a directory; give the path of a file");
        }
        Path temp = null;
        try {
            createDirectories(file.getParent());
            temp = file.resolveSibling("." + file.getFileName() + ".nightshift-" + UUID.randomUUID() + ".tmp");
            Files.writeString(temp, content == null ? "" : content, StandardCharsets.UTF_8);
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            }
            own(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException | UnsupportedOperationException e) {
            throw failure(path, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the write already failed and says why
                }
            }
        }
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // another tool call of the same turn (they run in parallel) made it first
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return;
        }
        own(dir);
    }

    private void own(Path path) throws IOException {
        if (ownership != null) {
            Files.setAttribute(path, "unix:uid", ownership.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", ownership.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Whether a file or directory exists at a path inside the workspace. */
    public boolean exists(String path) {
        return Files.exists(paths.resolve(path));
    }

    /**
     * Entries under a directory down to {@code depth} levels (1 = its children), sorted by relative path.
     * Symbolic links are listed, not followed; {@code .git} is listed, not entered.
     */
    public List<DirEntry> list(String path, int depth) {
        if (depth < 1) {
            throw new FileAccessException(String.valueOf(path), "depth must be 1 or more, got " + depth);
        }
        Path dir = directory(path);
        List<DirEntry> entries = new ArrayList<>();
        try {
            collect(dir, dir, depth, entries);
        } catch (IOException e) {
            throw failure(String.valueOf(path), e);
        }
        entries.sort(Comparator.comparing(DirEntry::name));
        return entries;
    }

    private static void collect(Path top, Path dir, int levelsLeft, List<DirEntry> out) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.toList();
        }
        for (Path child : children) {
            BasicFileAttributes attrs = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            String name = top.relativize(child).toString();
            out.add(new DirEntry(name, attrs.isDirectory(), attrs.isDirectory() ? null : attrs.size()));
            if (attrs.isDirectory() && levelsLeft > 1 && !child.getFileName().toString().equals(".git")) {
                collect(top, child, levelsLeft - 1, out);
            }
        }
    }

    /**
     * Files under {@code path} whose path relative to it matches the glob, newest first (ties by path).
     * An absolute pattern must lie under the workspace as tools see it and is then matched from the root.
     */
    public List<String> glob(String pattern, String path) {
        Path base;
        String relativePattern = pattern;
        if (pattern != null && pattern.startsWith("/")) {
            String root = paths.visibleRoot().endsWith("/") ? paths.visibleRoot() : paths.visibleRoot() + "/";
            if (!pattern.startsWith(root)) {
                throw new InvalidPatternException(pattern, "an absolute pattern must start with the workspace "
                        + root + "; or give a relative pattern");
            }
            relativePattern = pattern.substring(root.length());
            base = paths.hostRoot();
        } else {
            base = directory(path);
        }
        GlobMatcher matcher = GlobMatcher.compile(relativePattern);
        record Hit(String path, FileTime modified) {
        }
        List<Hit> hits = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(base) && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isDirectory() && matcher.matches(base.relativize(file))) {
                        hits.add(new Hit(paths.relative(file), attrs.lastModifiedTime()));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw failure(String.valueOf(path), e);
        }
        hits.sort(Comparator.comparing(Hit::modified).reversed().thenComparing(Hit::path));
        return hits.stream().map(Hit::path).toList();
    }

    /** Searches file contents under a file or directory (null = the root); see {@link TextSearch}. */
    public String grep(String pattern, String path, GrepOptions options) {
        Path target = paths.resolve(path);
        if (!Files.exists(target)) {
            throw new FileAccessException(String.valueOf(path), "no such file or directory");
        }
        if (!Files.isRegularFile(target) && !Files.isDirectory(target)) {
            throw new FileAccessException(String.valueOf(path), SPECIAL_FILE);
        }
        return search.search(paths, target, pattern, options == null ? GrepOptions.DEFAULTS : options);
    }

    /** The host path of an existing directory inside the workspace (null = the root). */
    public Path directory(String path) {
        Path dir = paths.resolve(path);
        if (!Files.isDirectory(dir)) {
            throw new FileAccessException(String.valueOf(path), Files.exists(dir) ? "is not a directory"
                    : "no such directory");
        }
        return dir;
    }

    private Path existingFile(String path) {
        Path file = paths.resolve(path);
        if (!Files.exists(file)) {
            throw new FileAccessException(String.valueOf(path), "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new FileAccessException(String.valueOf(path), "is a directory; list it instead of reading it");
        }
        if (!Files.isRegularFile(file)) {
            // opening a FIFO blocks until a writer comes and a device never ends: the host never opens either
            throw new FileAccessException(String.valueOf(path), SPECIAL_FILE);
        }
        return file;
    }

    private static FileAccessException failure(String path, Exception e) {
        String reason = switch (e) {
            case NoSuchFileException n -> "no such file or directory";
            case AccessDeniedException a -> "permission denied";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.toString();
        };
        return new FileAccessException(path, reason, e);
    }
}
