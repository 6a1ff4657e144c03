package io.nightshift.sandbox.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the first {@code capBytes} bytes of one output stream and counts the rest. Either it drains an
 * {@link InputStream} on its own virtual thread ({@link #start}), so a child never blocks on a full pipe, or bytes
 * are pushed into it ({@link #append}, then {@link #finish}). {@link #text()} may be called at any time and
 * returns what arrived so far, with a marker when bytes were dropped. Thread-safe.
 */
public final class OutputCollector {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final long capBytes;
    private final CountDownLatch done = new CountDownLatch(1);
    private long dropped;

    public OutputCollector(long capBytes) {
        this.capBytes = capBytes;
    }

    /** Starts draining {@code in}; the stream is closed when it ends. */
    public static OutputCollector start(InputStream in, long capBytes, String name) {
        OutputCollector collector = new OutputCollector(capBytes);
        Thread.ofVirtual().name(name).start(() -> collector.drain(in));
        return collector;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // the stream was closed under us (process destroyed): keep what arrived
        } finally {
            done.countDown();
        }
    }

    /** Adds {@code n} bytes from the start of {@code buffer}. */
    public synchronized void append(byte[] buffer, int n) {
        long room = capBytes - kept.size();
        int keep = (int) Math.max(0, Math.min(room, n));
        kept.write(buffer, 0, keep);
        dropped += n - keep;
    }

    /** Marks the end of a pushed stream. */
    public void finish() {
        done.countDown();
    }

    /** Waits up to {@code millis} for the end of the stream; true when it ended. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        return done.await(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public boolean ended() {
        return done.getCount() == 0;
    }

    /** The kept output as UTF-8 (malformed bytes replaced), plus a truncation marker when bytes were dropped. */
    public synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text
                : text + "\n[output truncated: kept the first " + capBytes + " bytes, dropped " + dropped + " more]";
    }
}
