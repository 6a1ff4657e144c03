package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a sandbox container is created from: policy, workspace, name, labels and user. Pure data plus the
 * translation into one create-container request; starting it is {@link SandboxLauncher}'s job. {@code joinNetwork},
 * when set, is an existing network the container joins instead of the policy's (a judge's {@link JudgeNetwork}).
 */
public record SandboxDefinition(SandboxPolicy policy, Path hostWorkspace, String name, Map<String, String> labels,
        WorkspaceOwner owner, List<Path> readOnlyMounts, List<Path> writableMounts, String joinNetwork) {

    /** Where the workspace appears inside the container, and the commands' working directory. */
    public static final String WORKSPACE = "/workspace";
    public static final String HOME = "/home/agent";

    public SandboxDefinition {
        labels = Map.copyOf(labels);
        readOnlyMounts = List.copyOf(readOnlyMounts);
        writableMounts = List.copyOf(writableMounts);
    }

    public SandboxDefinition(SandboxPolicy policy, Path hostWorkspace, String name, Map<String, String> labels,
            WorkspaceOwner owner, List<Path> readOnlyMounts, List<Path> writableMounts) {
        this(policy, hostWorkspace, name, labels, owner, readOnlyMounts, writableMounts, null);
    }

    public SandboxDefinition(SandboxPolicy policy, Path hostWorkspace, String name, Map<String, String> labels,
            WorkspaceOwner owner) {
        this(policy, hostWorkspace, name, labels, owner, List.of(), List.of());
    }

    public SandboxDefinition(SandboxPolicy policy, Path hostWorkspace, String name, Map<String, String> labels,
            WorkspaceOwner owner, List<Path> readOnlyMounts) {
        this(policy, hostWorkspace, name, labels, owner, readOnlyMounts, List.of());
    }

    /** The same sandbox under another container name. */
    public SandboxDefinition withName(String newName) {
        return new SandboxDefinition(policy, hostWorkspace, newName, labels, owner, readOnlyMounts, writableMounts,
                joinNetwork);
    }

    /** A sandbox for {@code runId} over {@code hostWorkspace} (an existing directory), owned by this process. */
    public static SandboxDefinition forRun(SandboxPolicy policy, Path hostWorkspace, String runId) {
        return forRun(policy, hostWorkspace, runId, List.of());
    }

    /**
     * As {@link #forRun(SandboxPolicy, Path, String)}, with host directories also visible read-only at the same
     * path inside the container (the run directory, so that the paths tool stages get in their environment,
     * such as {@code ATTRACTOR_PROMPT_FILE}, resolve there too).
     */
    public static SandboxDefinition forRun(SandboxPolicy policy, Path hostWorkspace, String runId,
            List<Path> readOnlyMounts) {
        return forRun(policy, hostWorkspace, runId, readOnlyMounts, List.of());
    }

    /**
     * As {@link #forRun(SandboxPolicy, Path, String, List)}, with host directories visible read-write at the same
     * path; they may lie inside a read-only mount (the engine mounts parents before children), which is how tool
     * stages get a writable stage directory inside the otherwise read-only run directory. They are created and
     * given to the sandbox user when the sandbox starts.
     */
    public static SandboxDefinition forRun(SandboxPolicy policy, Path hostWorkspace, String runId,
            List<Path> readOnlyMounts, List<Path> writableMounts) {
        return new SandboxDefinition(policy, hostWorkspace, containerName(runId), SandboxLabels.forRun(runId),
                WorkspaceOwner.decide(policy, hostWorkspace), readOnlyMounts, writableMounts);
    }

    /**
     * A judge container of judgment {@code judgmentId} in {@code runId} over a snapshot copy at {@code hostSnapshot}:
     * the sandbox hardening of {@code policy} with the network forced to none whatever the policy says, no other
     * mounts, and the judge role label. The snapshot copy is its own; nothing else of the host is visible.
     */
    public static SandboxDefinition forJudge(SandboxPolicy policy, Path hostSnapshot, String runId, String judgmentId) {
        SandboxPolicy isolated = policy.withNetwork(NetworkMode.NONE);
        return new SandboxDefinition(isolated, hostSnapshot, containerName("judge-" + runId),
                SandboxLabels.forJudge(runId, judgmentId), WorkspaceOwner.decide(isolated, hostSnapshot), List.of());
    }

    /**
     * As {@link #forJudge(SandboxPolicy, Path, String, String)}, on {@code network} (a {@link JudgeNetwork}, internal:
     * no route out) instead of none, so the program reaches the twins on it and nothing else.
     */
    public static SandboxDefinition forJudge(SandboxPolicy policy, Path hostSnapshot, String runId, String judgmentId,
            JudgeNetwork network) {
        SandboxDefinition alone = forJudge(policy, hostSnapshot, runId, judgmentId);
        return new SandboxDefinition(alone.policy, hostSnapshot, alone.name, alone.labels, alone.owner, List.of(),
                List.of(), network.name());
    }

    /** {@code nightshift-<run>-<random>}, with characters Docker does not accept in names replaced. */
    public static String containerName(String runId) {
        String safe = runId.replaceAll("[^a-zA-Z0-9_.-]", "-");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        return "nightshift-" + safe + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The host interface name of the sandbox's own bridge (bridge mode): {@code ns-} plus 12 hex digits of a hash
     * of the container name, within Linux's 15-character limit.
     */
    public String bridgeInterface() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "ns-" + java.util.HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    /** The variables every command in the sandbox starts with (host variables never enter). */
    public List<String> baseEnv() {
        List<String> env = new ArrayList<>(List.of("HOME=" + HOME, "LANG=C.UTF-8", "TERM=dumb"));
        policy.env().forEach((k, v) -> env.add(k + "=" + v));
        return env;
    }

    CreateContainerCmd createCommand(DockerClient client, String networkName) {
        String tmpfsOptions = "rw,exec,nosuid,nodev,size=";
        String homeOptions = "rw,exec,nosuid,nodev,uid=" + owner.uid() + ",gid=" + owner.gid() + ",mode=0755,size=";
        List<Bind> binds = new ArrayList<>();
        binds.add(new Bind(hostWorkspace.toString(), new Volume(WORKSPACE)));
        for (Path mount : readOnlyMounts) {
            String at = mount.toAbsolutePath().toString();
            binds.add(new Bind(at, new Volume(at), com.github.dockerjava.api.model.AccessMode.ro));
        }
        for (Path mount : writableMounts) {
            String at = mount.toAbsolutePath().toString();
            binds.add(new Bind(at, new Volume(at), com.github.dockerjava.api.model.AccessMode.rw));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withRuntime(policy.runtime() == SandboxRuntime.RUNC ? null : policy.runtime().engineName())
                .withBinds(binds)
                .withNetworkMode(networkName == null ? "none" : networkName)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withReadonlyRootfs(policy.readOnlyRoot())
                .withTmpFs(Map.of("/tmp", tmpfsOptions + policy.tmpBytes() + ",mode=1777",
                        HOME, homeOptions + policy.homeBytes()))
                .withInit(true)
                .withPidsLimit(policy.pids())
                .withMemory(policy.memoryBytes())
                .withMemorySwap(policy.memoryBytes())
                .withNanoCPUs(Math.round(policy.cpus() * 1e9))
                .withUlimits(List.of(new Ulimit("nofile", policy.nofile(), policy.nofile())));
        return client.createContainerCmd(policy.image())
                .withName(name)
                .withHostName("sandbox")
                .withLabels(labels)
                .withUser(owner.user())
                .withWorkingDir(WORKSPACE)
                .withEnv(baseEnv())
                .withEntrypoint("sleep")
                .withCmd("infinity")
                .withHostConfig(host);
    }
}
