package io.nightshift.runtime.service;

import java.util.List;

/**
 * Where the job queue's state is kept, so a service killed at any instant finds its queue again: every entry
 * {@link #save saved} before a crash is {@link #load loaded} after it, whole, old or new, never torn. One service
 * process owns a store at a time. Implementations are thread-safe.
 */
interface QueueStore extends AutoCloseable {

    /**
     * Takes the store for this process.
     *
     * @throws QueueStoreException when another process holds it or it cannot be read
     */
    List<QueueEntry> load();

    /** The next place in submission order: larger than every seq loaded or handed out before. */
    long nextSeq();

    /**
     * Replaces the entry of {@code entry.id()}; durable when it returns (a crash right after keeps it).
     *
     * @throws QueueStoreException when it cannot be written
     */
    void save(QueueEntry entry);

    /** Lets go of the store (another process may take it). Must not throw. */
    @Override
    void close();
}
