package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.SandboxException;

/** The sandbox image is not in the local engine; the message says how to build it. */
final class SandboxImageMissingException extends SandboxException {

    private final String image;

    public SandboxImageMissingException(String image) {
        super("the sandbox image " + image + " is not in the local Docker engine. Build it with `"
                + SandboxPolicy.BUILD_COMMAND + "` (no registry needed; it takes about a minute), or choose another "
                + "image with sandbox.image=...", false);
        this.image = image;
    }

    /** An image other than a sandbox's, missing: the message names the command that builds it. */
    public SandboxImageMissingException(String image, String buildCommand) {
        super("the image " + image + " is not in the local Docker engine. Build it with `" + buildCommand
                + "` (no registry needed).", false);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
