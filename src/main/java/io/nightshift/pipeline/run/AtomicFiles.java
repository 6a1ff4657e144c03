package io.nightshift.pipeline.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
            try (FileChannel ch = open(tmp, dir)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
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

    /** Creates the temporary file; the directory is only created when missing (one syscall saved per write). */
    private static FileChannel open(Path tmp, Path dir) throws IOException {
        try {
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(dir);
            return FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    public static void writeString(Path target, String text, boolean fsync) {
        write(target, text.getBytes(StandardCharsets.UTF_8), fsync);
    }
}
