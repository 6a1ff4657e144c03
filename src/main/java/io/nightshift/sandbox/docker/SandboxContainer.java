package io.nightshift.sandbox.docker;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started sandbox container: the handle. Closing it removes the container (and its own network, if any);
 * closing twice, or after the container vanished, is harmless.
 */
public final class SandboxContainer implements AutoCloseable {

    private final DockerEngine engine;
    private final String id;
    private final String networkId;
    private final SandboxDefinition definition;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WorkspaceHandover handover = WorkspaceHandover.NONE;

    SandboxContainer(DockerEngine engine, String id, String networkId, SandboxDefinition definition) {
        this.engine = engine;
        this.id = id;
        this.networkId = networkId;
        this.definition = definition;
    }

    public String id() {
        return id;
    }

    public String name() {
        return definition.name();
    }

    public SandboxDefinition definition() {
        return definition;
    }

    /** The same container under the name it was renamed to (the pool renames warm containers after their run). */
    SandboxContainer renamed(String newName) {
        SandboxContainer renamed = new SandboxContainer(engine, id, networkId, definition.withName(newName));
        renamed.handover = handover;
        return renamed;
    }

    /** The workspace was handed over to the sandbox user for this container: {@link #close()} hands it back. */
    void handBackOnClose(WorkspaceHandover value) {
        handover = value;
    }

    DockerEngine engine() {
        return engine;
    }

    /**
     * Removes the container and its network, then gives a handed-over workspace back to its owners; never throws
     * (a dead engine leaves work for the reaper).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ExitReaper.unregister(id);
        if (id != null) {
            removeContainer();
        }
        handover.restore();
        if (networkId != null) {
            try {
                engine.run("remove network", () -> engine.client().removeNetworkCmd(networkId).exec());
            } catch (RuntimeException ignored) {
                // unreachable engine or already removed: the reaper handles leftovers
            }
            HostFirewall.unblock(definition.bridgeInterface());
        }
    }

    private void removeContainer() {
        try {
            engine.run("remove container " + name(),
                    () -> engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec());
        } catch (DockerObjectMissingException ignored) {
            // already gone
        } catch (RuntimeException ignored) {
            // the engine is unreachable: the reaper removes the container by its owner label later
        }
    }
}
