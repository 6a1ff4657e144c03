package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.SandboxException;

/** The engine has no such container, exec, image or network (removed meanwhile, or never created). */
final class DockerObjectMissingException extends SandboxException {

    public DockerObjectMissingException(String what, Throwable cause) {
        super("the Docker engine could not " + what + ": not found", false, cause);
    }
}
