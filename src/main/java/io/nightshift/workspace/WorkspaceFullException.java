package io.nightshift.workspace;

/** The workspace holds more than its disk bound ({@link WorkspaceSettings#maxBytes}); the message says what to do. */
public final class WorkspaceFullException extends WorkspaceException {

    private final long bytes;
    private final long maxBytes;

    public WorkspaceFullException(String message, long bytes, long maxBytes) {
        super(message, false);
        this.bytes = bytes;
        this.maxBytes = maxBytes;
    }

    public long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
