package io.nightshift.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The disk bound of a workspace: the apparent size of everything under its directory (tracked, untracked, ignored
 * and {@code .git} alike: an agent can fill the host disk through any of them), measured after a stage by a walk
 * that reads attributes only (no link followed, no file opened). A sparse file counts at its full size, because a
 * commit would read it whole.
 */
final class DiskBound {

    /** How many of the largest files the refusal names. */
    private static final int NAMED = 3;

    /** A plain class, not a record: nothing serialises it, so it needs no native reflection entry. */
    private static final class Entry {
        private final String path;
        private final long bytes;

        Entry(String path, long bytes) {
            this.path = path;
            this.bytes = bytes;
        }

        String path() {
            return path;
        }

        long bytes() {
            return bytes;
        }
    }

    private DiskBound() {
    }

    /** @throws WorkspaceFullException when the directory holds more than {@code maxBytes} */
    static void check(Path dir, long maxBytes) throws IOException {
        List<Entry> largest = new ArrayList<>();
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                long size = attrs.isRegularFile() ? attrs.size() : 0;
                total[0] += size;
                if (size > 0) {
                    largest.add(new Entry(dir.relativize(file).toString(), size));
                    if (largest.size() > NAMED) {
                        largest.sort(Comparator.comparingLong(Entry::bytes).reversed());
                        largest.remove(NAMED);
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed meanwhile, or unreadable: it is counted as nothing
            }
        });
        if (total[0] <= maxBytes) {
            return;
        }
        largest.sort(Comparator.comparingLong(Entry::bytes).reversed());
        List<String> named = largest.stream().map(e -> e.path() + " (" + human(e.bytes()) + ")").toList();
        throw new WorkspaceFullException("The workspace " + dir + " holds " + human(total[0])
                + ", above its disk bound of " + human(maxBytes) + " (workspace.max_bytes); largest files: "
                + String.join(", ", named) + ". Nothing of this stage was committed. Remove what the stage does not"
                + " need (ignored files and .git count too), or raise the bound with the graph attribute"
                + " workspace.max_bytes or NIGHTSHIFT_WORKSPACE_MAX_BYTES.", total[0], maxBytes);
    }

    static String human(long bytes) {
        if (bytes < 1024 * 1024) {
            return bytes + " bytes";
        }
        double mib = bytes / (1024.0 * 1024);
        return mib < 1024 ? String.format(Locale.ROOT, "%.1f MiB", mib)
                : String.format(Locale.ROOT, "%.2f GiB", mib / 1024);
    }
}
