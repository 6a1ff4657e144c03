package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ulimit;
import io.nightshift.sandbox.SandboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts isolated, long-lived service containers on demand and reuses them ({@link ServiceDefinition}). A container
 * of the definition's name is reused when it runs the definition's current image, started again when it stopped,
 * and replaced (its volume kept) when the image tag now points at a newer build. Two processes racing to create it
 * end up sharing one.
 */
public final class ServiceContainers {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final long TMP_BYTES = 16L * 1024 * 1024;

    private final DockerEngine engine;

    public ServiceContainers(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Returns a running container for {@code definition}, creating its volume and the container when missing.
     *
     * @throws SandboxImageMissingException when the image is missing, naming its build command
     */
    public ServiceContainer ensure(ServiceDefinition definition) {
        String imageId = imageId(definition);
        for (int attempt = 0; attempt < 20; attempt++) {
            if (attempt > 0) {
                pause();
            }
            Optional<InspectContainerResponse> existing = inspectRaw(definition.name());
            if (existing.isEmpty()) {
                create(definition);
                continue;
            }
            InspectContainerResponse c = existing.get();
            if (!imageId.equals(c.getImageId())) {
                removeContainer(definition.name());
                continue;
            }
            if (!Boolean.TRUE.equals(c.getState().getRunning())) {
                try {
                    engine.run("start " + definition.name(), () -> engine.client().startContainerCmd(c.getId()).exec());
                } catch (SandboxException e) {
                    if (!(e.getCause() instanceof com.github.dockerjava.api.exception.NotModifiedException)) {
                        throw e;
                    }
                }
            }
            awaitRunning(definition.name());
            return new ServiceContainer(engine, c.getId(), definition.name());
        }
        throw new SandboxException("could not start the service container " + definition.name()
                + ": it kept changing under us (another process recreating it?)", true);
    }

    /** How the engine sees the container named {@code name}, if there is one. */
    public Optional<ServiceInfo> inspect(String name) {
        return inspectRaw(name).map(ServiceContainers::info);
    }

    /** The names of every container, running or not, that mounts the named volume. */
    public List<String> containersMounting(String volume) {
        List<Container> containers = engine.call("list containers using " + volume, () -> engine.client()
                .listContainersCmd().withShowAll(true).withVolumeFilter(List.of(volume)).exec());
        List<String> names = new ArrayList<>();
        for (Container c : containers) {
            names.add(c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""));
        }
        return names;
    }

    /** Removes the container named {@code name} if it exists; with {@code volume} non-null, that volume too. */
    public void remove(String name, String volume) {
        removeContainer(name);
        if (volume != null) {
            try {
                engine.run("remove volume " + volume, () -> engine.client().removeVolumeCmd(volume).exec());
            } catch (DockerObjectMissingException ignored) {
                // already gone
            }
        }
    }

    private String imageId(ServiceDefinition definition) {
        try {
            return engine.call("inspect image " + definition.image(),
                    () -> engine.client().inspectImageCmd(definition.image()).exec().getId());
        } catch (DockerObjectMissingException e) {
            throw new SandboxImageMissingException(definition.image(), definition.buildCommand());
        }
    }

    /** Creates and starts the container; when another process created it first, leaves that one alone. */
    private void create(ServiceDefinition d) {
        engine.call("create volume " + d.volume(),
                () -> engine.client().createVolumeCmd().withName(d.volume()).withLabels(d.labels()).exec());
        HostConfig host = HostConfig.newHostConfig()
                .withMounts(List.of(new Mount().withType(MountType.VOLUME).withSource(d.volume())
                        .withTarget(d.mountPath())))
                .withNetworkMode("none")
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,noexec,nosuid,nodev,mode=1777,size=" + TMP_BYTES))
                .withInit(true)
                .withPidsLimit(d.pids())
                .withMemory(d.memoryBytes())
                .withMemorySwap(d.memoryBytes())
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L)))
                .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.unlessStoppedRestart());
        String id;
        try {
            id = engine.call("create container " + d.name(), () -> engine.client().createContainerCmd(d.image())
                    .withName(d.name())
                    .withHostName(d.name())
                    .withLabels(d.labels())
                    .withUser(d.user())
                    .withWorkingDir(d.mountPath())
                    .withEnv("LANG=C.UTF-8")
                    .withEntrypoint("sleep")
                    .withCmd("infinity")
                    .withHostConfig(host)
                    .exec().getId());
        } catch (SandboxException e) {
            if (e.getCause() instanceof ConflictException) {
                return;
            }
            throw e;
        }
        try {
            engine.run("start container " + d.name(), () -> engine.client().startContainerCmd(id).exec());
        } catch (SandboxException e) {
            // 304: another process sharing the engine started the same service container between our create and
            // start; it is running, which is all this method promises
            if (!(e.getCause() instanceof com.github.dockerjava.api.exception.NotModifiedException)) {
                throw e;
            }
        }
    }

    private Optional<InspectContainerResponse> inspectRaw(String name) {
        try {
            return Optional.of(engine.call("inspect container " + name,
                    () -> engine.client().inspectContainerCmd(name).exec()));
        } catch (DockerObjectMissingException e) {
            return Optional.empty();
        }
    }

    private void removeContainer(String name) {
        try {
            engine.run("remove container " + name,
                    () -> engine.client().removeContainerCmd(name).withForce(true).exec());
        } catch (DockerObjectMissingException ignored) {
            // already gone
        } catch (SandboxException e) {
            if (!(e.getCause() instanceof ConflictException)) {
                throw e;
            }
            // another process is removing it already
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting a service container", false, e);
        }
    }

    private void awaitRunning(String name) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            InspectContainerResponse.ContainerState state = inspectRaw(name)
                    .orElseThrow(() -> new SandboxException("the service container " + name + " vanished while "
                            + "starting", true)).getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SandboxException("the service container " + name + " was not running after "
                        + READY_TIMEOUT.toSeconds() + " s (status " + state.getStatus() + ", " + state.getError()
                        + ")", true);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while starting " + name, false, e);
            }
        }
    }

    private static ServiceInfo info(InspectContainerResponse c) {
        HostConfig host = c.getHostConfig();
        List<String> volumes = new ArrayList<>();
        if (c.getMounts() != null) {
            for (InspectContainerResponse.Mount m : c.getMounts()) {
                if (m.getName() != null && !m.getName().isEmpty()) {
                    volumes.add(m.getName());
                }
            }
        }
        List<String> capDrop = host.getCapDrop() == null ? List.of()
                : Arrays.stream(host.getCapDrop()).map(Capability::name).toList();
        return new ServiceInfo(c.getId(), c.getName().replaceFirst("^/", ""), c.getImageId(),
                Boolean.TRUE.equals(c.getState().getRunning()), host.getNetworkMode(),
                Boolean.TRUE.equals(host.getReadonlyRootfs()), capDrop,
                host.getSecurityOpts() == null ? List.of() : host.getSecurityOpts(),
                c.getConfig().getUser(), volumes,
                c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels());
    }
}
