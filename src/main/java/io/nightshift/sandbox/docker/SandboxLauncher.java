package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.nightshift.sandbox.SandboxException;
import java.time.Duration;
import java.util.Map;

/**
 * Turns a {@link SandboxDefinition} into a running {@link SandboxContainer}: checks the image, creates the
 * sandbox's own network when the policy asks for one, creates and starts the container, and waits until the
 * engine reports it running (readiness). Anything half-created is removed when a step fails.
 */
public final class SandboxLauncher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final DockerEngine engine;

    public SandboxLauncher(DockerEngine engine) {
        this.engine = engine;
    }

    /** @throws SandboxImageMissingException when the image is missing, saying how to build it */
    public SandboxContainer launch(SandboxDefinition definition) {
        engine.requireImage(definition.policy().image());
        engine.requireRuntime(definition.policy().runtime());
        WorkspaceHandover handover = definition.owner().handOverIfNeeded(definition.hostWorkspace());
        try {
            definition.writableMounts().forEach(definition.owner()::grantDirectory);
            return launch(definition, handover);
        } catch (RuntimeException e) {
            handover.restore();
            throw e;
        }
    }

    private SandboxContainer launch(SandboxDefinition definition, WorkspaceHandover handover) {
        String networkId = null;
        String networkName = null;
        if (definition.policy().network() == NetworkMode.BRIDGE) {
            networkName = definition.name();
            String name = networkName;
            String bridge = definition.bridgeInterface();
            networkId = engine.call("create network " + name, () -> engine.client().createNetworkCmd()
                    .withName(name).withDriver("bridge").withLabels(definition.labels())
                    .withOptions(Map.of("com.docker.network.bridge.enable_icc", "false",
                            "com.docker.network.bridge.name", bridge))
                    .exec().getId());
            try {
                HostFirewall.blockHostAccess(bridge);
            } catch (RuntimeException e) {
                new SandboxContainer(engine, null, networkId, definition).close();
                throw e;
            }
        }
        String network = definition.joinNetwork() != null ? definition.joinNetwork() : networkName;
        String id;
        try {
            id = engine.call("create container " + definition.name(),
                    () -> definition.createCommand(engine.client(), network).exec().getId());
        } catch (DockerObjectMissingException e) {
            new SandboxContainer(engine, null, networkId, definition).close();
            throw new SandboxImageMissingException(definition.policy().image());
        } catch (RuntimeException e) {
            new SandboxContainer(engine, null, networkId, definition).close();
            throw e;
        }
        SandboxContainer container = new SandboxContainer(engine, id, networkId, definition);
        container.handBackOnClose(handover);
        ExitReaper.register(container);
        try {
            engine.run("start container " + definition.name(), () -> engine.client().startContainerCmd(id).exec());
            awaitRunning(container);
            return container;
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }

    private void awaitRunning(SandboxContainer container) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            InspectContainerResponse.ContainerState state = engine.call("inspect container " + container.name(),
                    () -> engine.client().inspectContainerCmd(container.id()).exec().getState());
            if (Boolean.TRUE.equals(state.getRunning())) {
                return;
            }
            if (state.getExitCodeLong() != null && state.getFinishedAt() != null
                    && !state.getFinishedAt().startsWith("0001")) {
                throw new SandboxException("the sandbox container " + container.name() + " exited at start (exit code "
                        + state.getExitCodeLong() + ", " + state.getError() + ")", false);
            }
            if (System.nanoTime() > deadline) {
                throw new SandboxException("the sandbox container " + container.name() + " was not running after "
                        + READY_TIMEOUT.toSeconds() + " s (status " + state.getStatus() + ")", true);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while starting " + container.name(), false, e);
            }
        }
    }
}
