package io.nightshift.sandbox.docker;

import java.util.Map;

/**
 * What a sandbox container may do: data only, applied by {@link SandboxDefinition}. {@link #DEFAULTS} is the
 * hardened default of DESIGN.md (no network, no capabilities, no new privileges, read-only root with tmpfs
 * {@code /tmp} and {@code /home/agent}, an init process, pids / memory / CPU / open-file limits, the engine's
 * default seccomp profile). {@link SandboxPolicyParser} builds one from {@code sandbox.*} settings.
 *
 * @param image the image to run; {@code sandbox-images/build.sh} builds the default
 * @param memoryBytes memory limit; swap is limited to the same value, so the sandbox never swaps
 * @param cpus CPU limit in cores (fractions allowed)
 * @param pids maximum number of processes and threads in the container
 * @param nofile open-file limit (soft and hard)
 * @param tmpBytes size of the {@code /tmp} tmpfs
 * @param homeBytes size of the {@code /home/agent} tmpfs
 * @param user {@code uid:gid} to run as, or null to follow the workspace owner (see {@link SandboxDefinition})
 * @param readOnlyRoot whether the root filesystem is mounted read-only
 * @param env variables set in every command of the sandbox (host variables are never passed in)
 * @param runtime the OCI runtime: the engine's default, or gVisor when asked for
 * @param exec how commands enter the container: one engine exec each, or resident shells
 */
public record SandboxPolicy(String image, NetworkMode network, long memoryBytes, double cpus, long pids, long nofile,
        long tmpBytes, long homeBytes, String user, boolean readOnlyRoot, Map<String, String> env,
        SandboxRuntime runtime, ExecMode exec) {

    public static final String DEFAULT_IMAGE = "nightshift/sandbox-dev:current";
    public static final String BUILD_COMMAND = "sandbox-images/build.sh";

    private static final long MIB = 1024L * 1024;

    public static final SandboxPolicy DEFAULTS = new SandboxPolicy(DEFAULT_IMAGE, NetworkMode.NONE, 2048 * MIB, 2.0,
            512, 4096, 512 * MIB, 256 * MIB, null, true, Map.of(), SandboxRuntime.RUNC, ExecMode.ENGINE);

    public SandboxPolicy {
        env = Map.copyOf(env);
        runtime = runtime == null ? SandboxRuntime.RUNC : runtime;
        exec = exec == null ? ExecMode.ENGINE : exec;
    }

    /** Under the engine's default runtime. */
    public SandboxPolicy(String image, NetworkMode network, long memoryBytes, double cpus, long pids, long nofile,
            long tmpBytes, long homeBytes, String user, boolean readOnlyRoot, Map<String, String> env) {
        this(image, network, memoryBytes, cpus, pids, nofile, tmpBytes, homeBytes, user, readOnlyRoot, env,
                SandboxRuntime.RUNC, ExecMode.ENGINE);
    }

    public SandboxPolicy withExec(ExecMode newExec) {
        return new SandboxPolicy(image, network, memoryBytes, cpus, pids, nofile, tmpBytes, homeBytes, user,
                readOnlyRoot, env, runtime, newExec);
    }

    public SandboxPolicy withImage(String newImage) {
        return new SandboxPolicy(newImage, network, memoryBytes, cpus, pids, nofile, tmpBytes, homeBytes, user,
                readOnlyRoot, env, runtime, exec);
    }

    public SandboxPolicy withNetwork(NetworkMode newNetwork) {
        return new SandboxPolicy(image, newNetwork, memoryBytes, cpus, pids, nofile, tmpBytes, homeBytes, user,
                readOnlyRoot, env, runtime, exec);
    }

    public SandboxPolicy withLimits(long newMemoryBytes, double newCpus, long newPids) {
        return new SandboxPolicy(image, network, newMemoryBytes, newCpus, newPids, nofile, tmpBytes, homeBytes, user,
                readOnlyRoot, env, runtime, exec);
    }
}
