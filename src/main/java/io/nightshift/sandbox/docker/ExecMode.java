package io.nightshift.sandbox.docker;

/** How commands enter a sandbox ({@code sandbox.exec}). */
public enum ExecMode {
    /** One engine exec per command ({@link ContainerExec}): about 60 ms each, nothing resident in the container. */
    ENGINE,
    /** Resident shells fed over an attached stream ({@link ResidentRunner}): a few milliseconds per command. */
    RUNNER
}
