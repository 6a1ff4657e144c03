package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.SandboxException;

/** The Docker engine cannot be reached (not running, socket missing, or it stopped while we talked to it). */
public final class DockerUnavailableException extends SandboxException {

    public static final String HOW_TO_FIX = "Start Docker (for example `sudo dockerd &` or `sudo systemctl start "
            + "docker`; bin/lib/docker.sh has ns_ensure_docker, which does it), or run with --sandbox local to run "
            + "tools on this machine without isolation.";

    private final String host;

    public DockerUnavailableException(String host, String what, Throwable cause, boolean retryable) {
        super("cannot reach the Docker engine at " + host + " (" + what + ": " + rootMessage(cause) + "). "
                + HOW_TO_FIX, retryable, cause);
        this.host = host;
    }

    public String host() {
        return host;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
