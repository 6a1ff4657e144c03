package io.nightshift.workspace;

/**
 * The workspace holds something Nightshift refuses to act on, because an agent could have put it there to reach
 * the host: a symbolic link inside {@code .git}, alternates naming another repository, a config that includes
 * other files, a command to run. The message names what and where, and how to get going again.
 */
public final class UnsafeWorkspaceException extends WorkspaceException {

    public UnsafeWorkspaceException(String message) {
        super(message, false);
    }
}
