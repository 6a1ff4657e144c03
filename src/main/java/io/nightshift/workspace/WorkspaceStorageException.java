package io.nightshift.workspace;

/**
 * Reading or writing the repository or a file failed (disk full, permissions, a corrupt object, a lock held by
 * another process). Retryable when the cause is a lock that another writer may release.
 */
public final class WorkspaceStorageException extends WorkspaceException {

    public WorkspaceStorageException(String message, boolean retryable, Throwable cause) {
        super(message, retryable, cause);
    }
}
