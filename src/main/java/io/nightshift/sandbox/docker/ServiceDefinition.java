package io.nightshift.sandbox.docker;

import java.util.Map;
import java.util.Objects;

/**
 * A long-lived helper container that keeps state in a named volume and is reached only through exec: no network at
 * all, every capability dropped, {@code no-new-privileges}, a read-only root with a small tmpfs {@code /tmp}, a
 * non-root user, an init process and pids / memory limits. Unlike a sandbox it outlives the process that started
 * it and carries no {@link SandboxLabels#MANAGED} label, so the {@link SandboxReaper} never removes it.
 *
 * @param name the container's name; {@link ServiceContainers#ensure} reuses a container of that name
 * @param image the image to run (its entrypoint is replaced by {@code sleep infinity})
 * @param volume the named volume holding the service's state, created when missing
 * @param mountPath where the volume appears inside the container
 * @param labels labels of the container and the volume
 * @param user {@code uid:gid}, never root
 * @param buildCommand the command that builds {@code image}, named when it is missing
 */
public record ServiceDefinition(String name, String image, String volume, String mountPath,
        Map<String, String> labels, String user, long memoryBytes, long pids, String buildCommand) {

    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(mountPath, "mountPath");
        Objects.requireNonNull(user, "user");
        labels = Map.copyOf(labels);
        if (user.equals("0") || user.startsWith("0:") || user.startsWith("root")) {
            throw new IllegalArgumentException("a service container never runs as root, was " + user);
        }
        if (labels.containsKey(SandboxLabels.MANAGED) || labels.containsKey(SandboxLabels.RUN)) {
            throw new IllegalArgumentException("a service container must not carry sandbox labels (the reaper "
                    + "would remove it)");
        }
    }
}
