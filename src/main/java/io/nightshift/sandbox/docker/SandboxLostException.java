package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.SandboxException;

/**
 * The sandbox container disappeared or stopped under us (killed from outside, removed, or out of memory as a
 * whole). The environment cannot be used any more; a new sandbox can be, so it is retryable.
 */
public final class SandboxLostException extends SandboxException {

    private final String container;

    public SandboxLostException(String container, String detail) {
        super("the sandbox container " + container + " is gone: " + detail + ". It was stopped or removed from "
                + "outside Nightshift (docker kill/rm, the engine restarting); the run needs a new sandbox", true);
        this.container = container;
    }

    public String container() {
        return container;
    }
}
