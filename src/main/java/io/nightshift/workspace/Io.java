package io.nightshift.workspace;

import java.io.IOException;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.LockFailedException;

/** Runs JGit and file work, wrapping foreign exceptions into {@link WorkspaceStorageException} at the boundary. */
final class Io {

    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException, GitAPIException;
    }

    private Io() {
    }

    static <T> T call(String action, Work<T> work) {
        try {
            return work.run();
        } catch (WorkspaceException e) {
            throw e;
        } catch (LockFailedException e) {
            throw new WorkspaceStorageException("Cannot " + action + ": " + e.getMessage()
                    + ". Another process holds the lock; if none does, remove the stale .lock file.", true, e);
        } catch (IOException | GitAPIException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new WorkspaceStorageException("Cannot " + action + ": " + Remotes.redact(message), false, e);
        }
    }
}
