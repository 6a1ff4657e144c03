package io.nightshift.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per run directory at a time: an operating-system lock on {@code run.lock} in the run directory,
 * held by a resume from before it resets the workspace, by a new run from when its workspace ignores the run
 * directory, until the run ends. The kernel releases it when the
 * process dies however it dies, so a crash never leaves it behind (the file stays, the lock does not). The file
 * holds the holder's pid, for the refusal message only.
 */
final class RunLock implements AutoCloseable {

    static final String FILE = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws UnusableInputException when another process holds the directory, or the lock file cannot be made */
    static RunLock acquire(Path runDir) {
        Path file = runDir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UnusableInputException("cannot lock the run directory " + runDir + " (" + e.getMessage() + ")",
                    e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new UnusableInputException("the run directory " + runDir + " is in use by another nightshift process"
                    + holder + "; wait for it to end or stop it, then resume with --resume " + runDir);
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
        } catch (IOException ignored) {
            // the pid is only for messages; the lock is what counts
        }
        return new RunLock(channel, lock);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("\\d{1,10}") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written that matters
        }
    }
}
