package io.nightshift.runtime.service;

import io.nightshift.pipeline.run.AtomicFiles;
import io.nightshift.pipeline.run.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The queue kept in the run directories themselves: each run's entry is {@code <runs dir>/<id>/queue.json}, written
 * whole (temporary file, fsync, rename) and made durable by an fsync of the run directory (and of the runs directory
 * when the run directory is new). Submission order is the persisted {@code seq}: a new process continues after the
 * largest one it loads. An operating-system lock on {@code <runs dir>/queue.lock}, held while the store is open,
 * keeps a second service off the same queue; the kernel drops it when the process dies, however it dies.
 * docs/queue.md argues why this is enough and lists the failure cases.
 */
final class RunDirectoryQueueStore implements QueueStore {

    static final String ENTRY = "queue.json";
    static final String LOCK = "queue.lock";

    private final Path runsDir;
    private final AtomicLong seq = new AtomicLong();
    private FileChannel lockChannel;
    private FileLock lock;

    public RunDirectoryQueueStore(Path runsDir) {
        this.runsDir = runsDir.toAbsolutePath().normalize();
    }

    @Override
    public synchronized List<QueueEntry> load() {
        takeLock();
        List<QueueEntry> entries = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path file : dirs.map(d -> d.resolve(ENTRY)).filter(Files::isRegularFile).toList()) {
                try {
                    QueueEntry e = Json.mapper().readValue(file.toFile(), QueueEntry.class);
                    if (e.id() != null && e.id().equals(file.getParent().getFileName().toString())) {
                        entries.add(e);
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // written whole or not at all, so only a hand edit breaks one: that run is recovered from its
                    // own files, as a run without an entry
                }
            }
        } catch (IOException e) {
            throw new QueueStoreException("cannot read the queue in " + runsDir + " (" + e.getMessage() + ")", e);
        }
        entries.sort(Comparator.comparingLong(QueueEntry::seq));
        seq.accumulateAndGet(entries.isEmpty() ? 0 : entries.getLast().seq(), Math::max);
        return entries;
    }

    @Override
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    @Override
    public void save(QueueEntry entry) {
        Path dir = runsDir.resolve(entry.id());
        try {
            boolean fresh = !Files.exists(dir.resolve(ENTRY));
            byte[] bytes = Json.mapper().writeValueAsBytes(entry);
            AtomicFiles.write(dir.resolve(ENTRY), bytes, true);
            AtomicFiles.syncDirectory(dir);
            if (fresh) {
                AtomicFiles.syncDirectory(runsDir);
            }
        } catch (IOException | RuntimeException e) {
            throw new QueueStoreException("cannot record job '" + entry.id() + "' in the queue at " + dir + " ("
                    + e.getMessage() + "); check the runs directory's disk and permissions", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // the kernel drops the lock with the process anyway
        }
        lock = null;
        lockChannel = null;
    }

    private void takeLock() {
        if (lock != null) {
            return;
        }
        try {
            Files.createDirectories(runsDir);
            lockChannel = FileChannel.open(runsDir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException e) {
            throw new QueueStoreException("cannot lock the queue at " + runsDir.resolve(LOCK) + " (" + e.getMessage()
                    + ")", e);
        }
        if (lock == null) {
            close();
            throw new QueueStoreException("the queue in " + runsDir + " is in use by another nightshift service; stop"
                    + " it or give this one another runs directory (nightshift.server.runs-dir)", null);
        }
    }

}
