package io.nightshift.sandbox.docker;

import java.util.Locale;

/** The OCI runtime a sandbox container runs under ({@code sandbox.runtime}). */
enum SandboxRuntime {
    /** The engine's default runtime: namespaces, cgroups and the default seccomp profile. */
    RUNC,
    /**
     * gVisor: the container's system calls go to a user-space kernel instead of the host's. Opt-in, network-less
     * sandboxes only; the engine must have it registered under the name {@code runsc} (see {@link #SETUP}).
     */
    RUNSC;

    /** How to make {@code runsc} available to the engine, for the error when it is not. */
    public static final String SETUP = "install gVisor (Debian: apt-get install runsc), register it with the engine "
            + "in /etc/docker/daemon.json as {\"runtimes\":{\"runsc\":{\"path\":\"/usr/bin/runsc\",\"runtimeArgs\":"
            + "[\"--network=none\"]}}}, then reload dockerd (kill -HUP $(pidof dockerd)); or drop sandbox.runtime=runsc";

    /** The name the engine knows the runtime by. */
    public String engineName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
