package io.nightshift.runtime.dev;

import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.SandboxInfo;
import io.nightshift.sandbox.docker.SandboxReaper;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The Docker sandboxes Nightshift manages, found by their labels ({@code nightshift sandbox ls|prune}). */
public final class SandboxJanitor implements AutoCloseable {

    /** One managed sandbox; {@code ownerDead} when the Nightshift process that started it is gone. */
    public record ManagedSandbox(String name, String runId, String owner, boolean ownerDead, String state,
            Instant created) {
    }

    /** The engine cannot be reached or refused the request; the message says why. */
    public static final class EngineUnavailableException extends RuntimeException {

        EngineUnavailableException(SandboxException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final DockerEngine engine;
    private final SandboxReaper reaper;

    private SandboxJanitor(DockerEngine engine) {
        this.engine = engine;
        this.reaper = new SandboxReaper(engine);
    }

    /** Connects to {@code dockerHost}, or to DOCKER_HOST / the default socket when it is null. */
    public static SandboxJanitor connect(String dockerHost) {
        return engineCall(() -> new SandboxJanitor(dockerHost == null ? DockerEngine.connect()
                : DockerEngine.connect(dockerHost)));
    }

    /** Every managed sandbox, oldest first. */
    public List<ManagedSandbox> list() {
        return engineCall(() -> reaper.list().stream().map(SandboxJanitor::managed).toList());
    }

    /** Removes the sandboxes whose owning process is dead; returns their names. */
    public List<String> reapDeadOwners() {
        return engineCall(reaper::reapDeadOwners);
    }

    /** Removes every managed sandbox, also those of live processes; returns their names. */
    public List<String> removeAll() {
        return engineCall(reaper::removeAll);
    }

    @Override
    public void close() {
        engineCall(() -> {
            engine.close();
            return null;
        });
    }

    private static ManagedSandbox managed(SandboxInfo i) {
        return new ManagedSandbox(i.name(), i.runId(), i.owner(), i.ownerDead(), i.state(), i.created());
    }

    private static <T> T engineCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (SandboxException e) {
            throw new EngineUnavailableException(e);
        }
    }
}
