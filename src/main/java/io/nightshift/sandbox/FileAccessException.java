package io.nightshift.sandbox;

/**
 * A file operation failed for a reason the caller can act on (missing file, directory where a file was expected,
 * binary content, permission denied, offset past the end). Agent tools turn it into an error result.
 */
public final class FileAccessException extends SandboxException {

    private final String path;

    public FileAccessException(String path, String reason) {
        super(path + ": " + reason, false);
        this.path = path;
    }

    public FileAccessException(String path, String reason, Throwable cause) {
        super(path + ": " + reason, false, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
