package io.nightshift.pipeline.engine;

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
import java.util.Optional;

/**
 * The disk bound of a stage directory ({@link RunConfig#stageMaxBytes}): a tool command writes there from the
 * sandbox ({@code $ATTRACTOR_STAGE_DIR} is mounted read-write) and the host writes prompts, responses and tool
 * output, all on the host's disk. Measured after each attempt by a walk that reads attributes only (no link
 * followed, no file opened); a sparse file counts at its full size. A manager loop's child run
 * ({@code <stage>/child}) is left out: its own stages are measured as they end.
 */
final class StageOutputBound {

    /** How many of the largest files the refusal names. */
    private static final int NAMED = 3;

    private StageOutputBound() {
    }

    /** A plain class, not a record: nothing serialises it, so it needs no native reflection entry. */
    private static final class Entry {
        private final String path;
        private final long bytes;

        Entry(String path, long bytes) {
            this.path = path;
            this.bytes = bytes;
        }

        long bytes() {
            return bytes;
        }
    }

    /**
     * Why the stage fails, when {@code stageDir} holds more than {@code maxBytes}; empty when it does not (or
     * cannot be read: the stage's own outcome then stands).
     */
    static Optional<String> exceeded(Path stageDir, long maxBytes, boolean skipChildRun) {
        List<Entry> largest = new ArrayList<>();
        long[] total = {0};
        Path child = stageDir.resolve("child");
        try {
            Files.walkFileTree(stageDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return skipChildRun && dir.equals(child) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    long size = attrs.isRegularFile() ? attrs.size() : 0;
                    total[0] += size;
                    if (size > 0) {
                        largest.add(new Entry(stageDir.relativize(file).toString(), size));
                        if (largest.size() > NAMED) {
                            largest.sort(Comparator.comparingLong(Entry::bytes).reversed());
                            largest.remove(NAMED);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed meanwhile, or unreadable: counted as nothing
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        if (total[0] <= maxBytes) {
            return Optional.empty();
        }
        largest.sort(Comparator.comparingLong(Entry::bytes).reversed());
        List<String> named = largest.stream().map(e -> e.path + " (" + human(e.bytes) + ")").toList();
        return Optional.of("the stage directory " + stageDir + " holds " + human(total[0])
                + ", above its disk bound of " + human(maxBytes) + " (stage.max_bytes); largest files: "
                + String.join(", ", named) + ". The stage failed and is not retried; its files were left in place. "
                + "Write large outputs into the workspace (which has its own bound, workspace.max_bytes), or raise "
                + "the bound with the graph attribute stage.max_bytes or NIGHTSHIFT_STAGE_MAX_BYTES.");
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
