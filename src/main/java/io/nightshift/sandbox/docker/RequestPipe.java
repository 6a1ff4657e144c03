package io.nightshift.sandbox.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The stdin of a resident runner: requests written by whichever thread runs a command, read by the transport's
 * copy thread for as long as the runner lives. Unlike {@link java.io.PipedInputStream} it ties neither end to a
 * thread: a piped stream declares itself broken about a second after its last writer thread has ended ("Pipe
 * broken", then "Read end dead"), which killed every runner left idle for a few seconds while a model thought.
 * Closing ends the stream: reads drain what is buffered and then see end of file, writes fail.
 */
final class RequestPipe extends InputStream {

    private final byte[] buffer;
    private int start;
    private int length;
    private boolean closed;

    RequestPipe(int capacity) {
        this.buffer = new byte[capacity];
    }

    /** Appends {@code bytes}, waiting while the buffer is full. @throws IOException once the pipe is closed */
    synchronized void send(byte[] bytes) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            while (length == buffer.length && !closed) {
                awaitChange();
            }
            if (closed) {
                throw new IOException("the runner's input is closed");
            }
            int end = (start + length) % buffer.length;
            int n = Math.min(bytes.length - offset, Math.min(buffer.length - length, buffer.length - end));
            System.arraycopy(bytes, offset, buffer, end, n);
            length += n;
            offset += n;
            notifyAll();
        }
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (length == 0 && !closed) {
            awaitChange();
        }
        if (length == 0) {
            return -1;
        }
        int n = Math.min(len, Math.min(length, buffer.length - start));
        System.arraycopy(buffer, start, b, off, n);
        start = (start + n) % buffer.length;
        length -= n;
        notifyAll();
        return n;
    }

    @Override
    public synchronized int available() {
        return length;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void awaitChange() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while passing a request to the command runner");
        }
    }
}
