package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds sandboxes by label ({@link SandboxLabels#MANAGED}), never by a remembered list of ids, and removes those
 * whose owner process has died on this host, so a crash leaves nothing behind after the next start-up. Sandboxes
 * of live processes (another run, a demo beside the tests: several processes share one engine) and owners on other
 * hosts sharing the engine are left alone.
 */
public final class SandboxReaper {

    private final DockerEngine engine;
    private final String host;

    public SandboxReaper(DockerEngine engine) {
        this(engine, OwnerId.current().host());
    }

    /**
     * A reaper that takes {@code host} for this host. Tests fabricate dead owners on a host name of their own, so
     * the reapers of other processes sharing the engine (which see a foreign host) never remove them first.
     */
    SandboxReaper(DockerEngine engine, String host) {
        this.engine = engine;
        this.host = host;
    }

    /** Every managed container, oldest first. */
    public List<SandboxInfo> list() {
        List<Container> containers = engine.call("list sandboxes", () -> engine.client().listContainersCmd()
                .withShowAll(true).withLabelFilter(SandboxLabels.managedFilter()).exec());
        List<SandboxInfo> out = new ArrayList<>();
        for (Container c : containers) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            String ownerText = labels.getOrDefault(SandboxLabels.OWNER, "");
            OwnerId owner = OwnerId.parse(ownerText);
            String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
            out.add(new SandboxInfo(c.getId(), name, labels.getOrDefault(SandboxLabels.RUN, ""), ownerText,
                    owner == null || owner.isDeadOn(host), c.getState(), c.getStatus(),
                    Instant.ofEpochSecond(c.getCreated() == null ? 0 : c.getCreated())));
        }
        out.sort((a, b) -> a.created().compareTo(b.created()));
        return out;
    }

    /** Removes managed containers and networks whose owner is dead; returns the names of removed containers. */
    public List<String> reapDeadOwners() {
        return remove(SandboxInfo::ownerDead, owner -> owner == null || owner.isDeadOn(host));
    }

    /**
     * Removes every managed container carrying label {@code key=value} (e.g. all containers of one judgment, some of
     * which a cancelled launch may have left); returns their names. Works on an interrupted thread too.
     */
    public List<String> removeLabelled(String key, String value) {
        boolean interrupted = Thread.interrupted();
        try {
            List<Container> containers = engine.call("list containers labelled " + key, () -> engine.client()
                    .listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(SandboxLabels.MANAGED, "true", key, value)).exec());
            List<String> removed = new ArrayList<>();
            for (Container c : containers) {
                try {
                    engine.run("remove container " + c.getId(), () -> engine.client().removeContainerCmd(c.getId())
                            .withForce(true).withRemoveVolumes(true).exec());
                    removed.add(c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0]);
                } catch (DockerObjectMissingException e) {
                    // removed meanwhile by its owner
                }
            }
            return removed;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Removes every managed container and network, whoever owns it. */
    public List<String> removeAll() {
        return remove(info -> true, owner -> true);
    }

    private List<String> remove(Predicate<SandboxInfo> containers, Predicate<OwnerId> networks) {
        List<String> removed = new ArrayList<>();
        for (SandboxInfo info : list()) {
            if (containers.test(info)) {
                try {
                    engine.run("remove " + info.name(), () -> engine.client().removeContainerCmd(info.id())
                            .withForce(true).withRemoveVolumes(true).exec());
                    removed.add(info.name());
                } catch (DockerObjectMissingException e) {
                    // removed meanwhile by its owner
                } catch (DockerUnavailableException e) {
                    throw e;
                } catch (io.nightshift.sandbox.SandboxException e) {
                    // refused, typically "removal already in progress": another process reaps the same leftovers at
                    // the same moment (runs starting side by side); whichever removes it, a run must not fail here
                }
            }
        }
        List<Network> nets = engine.call("list sandbox networks", () -> engine.client().listNetworksCmd()
                .withFilter("label", List.of(SandboxLabels.MANAGED + "=true")).exec());
        for (Network n : nets) {
            Map<String, String> labels = n.getLabels() == null ? Map.of() : n.getLabels();
            if (networks.test(OwnerId.parse(labels.get(SandboxLabels.OWNER)))) {
                try {
                    engine.run("remove network " + n.getName(), () -> engine.client().removeNetworkCmd(n.getId()).exec());
                    String bridge = n.getOptions() == null ? null : n.getOptions().get("com.docker.network.bridge.name");
                    if (bridge != null) {
                        HostFirewall.unblock(bridge);
                    }
                } catch (RuntimeException e) {
                    // still in use by a container of a live owner, or already gone: leave it
                }
            }
        }
        return removed;
    }
}
