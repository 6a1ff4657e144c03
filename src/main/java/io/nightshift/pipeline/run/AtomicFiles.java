package io.nightshift.pipeline.run;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole-file writes that a kill at any instant cannot tear: the bytes go to a temporary file in the same
 * directory, which is then renamed over the target (atomic on POSIX file systems). With {@code fsync} the data is
 * also forced to disk before the rename, which protects against power loss as well, at a cost of milliseconds.
 */
public final class AtomicFiles {

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes, boolean fsync) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet());
        try {
            // a stream, not a FileChannel: an interrupt (a stopping service interrupts its runs) closes a channel
            // mid-write and would lose the record of something that already happened
            try (FileOutputStream out = open(tmp, dir)) {
                out.write(bytes);
                if (fsync) {
                    out.getFD().sync();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is hidden and harmless; the write error below is what matters
            }
            throw new RunFileException(target, "cannot write file (" + e + ")", e);
        }
    }

    /**
     * Forces a directory's entries (a rename, a new file) to disk. Only a channel can do that, and a channel gives up
     * when its thread is interrupted, so the sync runs with the interrupt set aside and restores it after.
     */
    public static void syncDirectory(Path dir) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 0; ; attempt++) {
                try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                    ch.force(true);
                    return;
                } catch (java.nio.channels.ClosedByInterruptException e) {
                    interrupted = true;
                    Thread.interrupted();
                    if (attempt == 2) {
                        throw e;
                    }
                } catch (IOException e) {
                    // some file systems (and Windows) cannot open a directory for syncing; the rename stands anyway
                    if (!System.getProperty("os.name", "").startsWith("Windows")) {
                        throw e;
                    }
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Creates the temporary file; the directory is only created when missing (one syscall saved per write). */
    private static FileOutputStream open(Path tmp, Path dir) throws IOException {
        if (Files.exists(tmp, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(tmp.toString());
        }
        try {
            return new FileOutputStream(tmp.toFile());
        } catch (java.io.FileNotFoundException e) {
            Files.createDirectories(dir);
            return new FileOutputStream(tmp.toFile());
        }
    }

    public static void writeString(Path target, String text, boolean fsync) {
        write(target, text.getBytes(StandardCharsets.UTF_8), fsync);
    }
}
