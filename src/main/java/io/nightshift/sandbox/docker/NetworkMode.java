package io.nightshift.sandbox.docker;

/** How a sandbox reaches the network. */
public enum NetworkMode {
    /** No interface but loopback: nothing outside the container is reachable (the default). */
    NONE,
    /**
     * A bridge network of its own (never the default {@code docker0}), so sandboxes cannot see each other;
     * outbound traffic is masqueraded. See sandbox-images/README.md for how host services stay unreachable.
     */
    BRIDGE
}
