package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.nightshift.sandbox.SandboxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network of one judge trial that has helper containers (service twins): an internal Docker bridge (no route
 * out: no gateway to other networks, and a firewall rule drops what its containers send to the host itself), on
 * which each helper is reachable by a host name of its own. Helpers carry the judgment's labels, run as a non-root
 * user with every capability dropped, no new privileges, a read-only root, a small tmpfs {@code /tmp} and limits,
 * and are reached by the judge only through exec. {@link #close} removes helpers, network and firewall rule; the
 * reaper removes what a crash leaves (by the labels).
 */
public final class JudgeNetwork implements AutoCloseable {

    private static final long HELPER_MEMORY = 256L * 1024 * 1024;
    private static final long HELPER_PIDS = 64;

    private final DockerEngine engine;
    private final String name;
    private final String id;
    private final String bridge;
    private final Map<String, String> labels;
    private final List<String> helpers = new ArrayList<>();

    private JudgeNetwork(DockerEngine engine, String name, String id, String bridge, Map<String, String> labels) {
        this.engine = engine;
        this.name = name;
        this.id = id;
        this.bridge = bridge;
        this.labels = labels;
    }

    /**
     * @throws SandboxException when the network or its firewall rule cannot be set up (then nothing is left behind):
     *     the rule needs root and iptables, like bridge sandboxes
     */
    public static JudgeNetwork create(DockerEngine engine, String runId, String judgmentId) {
        String name = SandboxDefinition.containerName("judge-net-" + runId);
        String bridge = new SandboxDefinition(SandboxPolicy.DEFAULTS, java.nio.file.Path.of("/"), name, Map.of(),
                null).bridgeInterface();
        Map<String, String> labels = SandboxLabels.forJudge(runId, judgmentId);
        String id = engine.call("create network " + name, () -> engine.client().createNetworkCmd()
                .withName(name).withDriver("bridge").withInternal(true).withLabels(labels)
                .withOptions(Map.of("com.docker.network.bridge.name", bridge)).exec().getId());
        JudgeNetwork network = new JudgeNetwork(engine, name, id, bridge, labels);
        try {
            HostFirewall.blockHostAccess(bridge);
        } catch (SandboxException e) {
            network.close();
            throw new SandboxException("the judge's network for service twins needs a firewall rule that keeps the "
                    + "host out of reach, and installing it failed: " + e.getMessage(), false, e);
        }
        return network;
    }

    public String name() {
        return name;
    }

    /**
     * Starts a helper from {@code image} as {@code user} (never root), reachable on this network as {@code host},
     * idle ({@code sleep infinity}) until the caller execs its program.
     */
    public ServiceContainer startHelper(String image, String host, String user) {
        if (user.equals("0") || user.startsWith("0:") || user.startsWith("root")) {
            throw new IllegalArgumentException("a helper container never runs as root, was " + user);
        }
        engine.requireImage(image);
        String container = SandboxDefinition.containerName(name + "-" + host);
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withNetworkMode(name)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,noexec,size=67108864,mode=1777"))
                .withInit(true)
                .withPidsLimit(HELPER_PIDS)
                .withMemory(HELPER_MEMORY)
                .withMemorySwap(HELPER_MEMORY);
        String helperId = engine.call("create helper " + container, () -> engine.client().createContainerCmd(image)
                .withName(container).withHostName(host).withLabels(labels).withUser(user)
                .withEntrypoint("sleep").withCmd("infinity")
                .withAliases(host)
                .withHostConfig(hostConfig).exec().getId());
        synchronized (helpers) {
            helpers.add(helperId);
        }
        engine.run("start helper " + container, () -> engine.client().startContainerCmd(helperId).exec());
        return new ServiceContainer(engine, helperId, container);
    }

    /** Removes every helper, the network and its firewall rule; never throws. */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            List<String> all;
            synchronized (helpers) {
                all = List.copyOf(helpers);
            }
            for (String helper : all) {
                try {
                    engine.run("remove helper " + helper, () -> engine.client().removeContainerCmd(helper)
                            .withForce(true).withRemoveVolumes(true).exec());
                } catch (RuntimeException ignored) {
                    // gone already, or the engine is: the reaper removes it by its labels
                }
            }
            try {
                engine.run("remove network " + name, () -> engine.client().removeNetworkCmd(id).exec());
            } catch (RuntimeException ignored) {
                // the reaper removes it by its labels
            }
            HostFirewall.unblock(bridge);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
