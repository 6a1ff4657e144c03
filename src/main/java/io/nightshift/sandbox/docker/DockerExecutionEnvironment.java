package io.nightshift.sandbox.docker;

import io.nightshift.sandbox.DirEntry;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.files.TextSearch;
import io.nightshift.sandbox.files.WorkspaceFiles;
import io.nightshift.sandbox.files.WorkspacePaths;
import io.nightshift.sandbox.process.ProcessGroupRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Tools in a Docker sandbox (DESIGN.md, Sandboxes): the workspace is bind-mounted at {@code /workspace}; file
 * tools act on the host side of that mount directly (the same {@link WorkspaceFiles} as the local environment,
 * with paths as the container sees them), commands run in the container through the exec API
 * ({@link ContainerExec}). Host environment variables never enter the sandbox: commands see the image's
 * variables, the policy's {@code sandbox.env.*} and what each call passes.
 *
 * <p>Either it launches its own container on {@link #initialize()} and removes it on {@link #cleanup()}, or it
 * wraps a container handed out by a {@link SandboxPool}, which it removes on cleanup just the same.
 */
public final class DockerExecutionEnvironment implements ExecutionEnvironment {

    private final DockerEngine engine;
    private final SandboxDefinition definition;
    private final TextSearch search;
    private volatile SandboxContainer container;
    private volatile WorkspaceFiles files;
    private volatile String osVersion;
    private volatile ResidentRunner runner;
    private volatile boolean residentRunner;
    private volatile boolean sweeping;

    /** A sandbox for {@code runId} over {@code hostWorkspace}; nothing is started before {@link #initialize()}. */
    public DockerExecutionEnvironment(DockerEngine engine, SandboxPolicy policy, Path hostWorkspace, String runId) {
        this(engine, policy, hostWorkspace, runId, List.of());
    }

    /** @param readOnlyMounts host directories also visible, read-only, at the same path inside the container */
    public DockerExecutionEnvironment(DockerEngine engine, SandboxPolicy policy, Path hostWorkspace, String runId,
            List<Path> readOnlyMounts) {
        this(engine, policy, hostWorkspace, runId, readOnlyMounts, List.of());
    }

    /**
     * @param readOnlyMounts host directories also visible, read-only, at the same path inside the container
     * @param writableMounts host directories visible read-write at the same path, also inside a read-only mount
     *        (see {@link SandboxDefinition#forRun(SandboxPolicy, Path, String, List, List)})
     */
    public DockerExecutionEnvironment(DockerEngine engine, SandboxPolicy policy, Path hostWorkspace, String runId,
            List<Path> readOnlyMounts, List<Path> writableMounts) {
        this.engine = engine;
        this.definition = SandboxDefinition.forRun(policy, hostWorkspace.toAbsolutePath(), runId, readOnlyMounts,
                writableMounts);
        this.search = TextSearch.detect();
        this.residentRunner = policy.exec() == ExecMode.RUNNER;
    }

    /**
     * Runs commands through resident shells in the container ({@link ResidentRunner}) instead of one engine exec
     * each: a few milliseconds per command instead of about 60 (what {@code sandbox.exec=runner} selects).
     * Returns this.
     */
    public DockerExecutionEnvironment useResidentRunner() {
        residentRunner = true;
        return this;
    }

    /**
     * An agent's sandbox: with one engine exec per command ({@code sandbox.exec=engine}), every process a command
     * leaves running, in whatever process group or session, is killed when it ends, and the agent is told (the
     * resident runner always does this). Off by default, so judge containers and other users of the library keep
     * what they start. Returns this.
     */
    public DockerExecutionEnvironment sweepAfterEachCommand() {
        sweeping = true;
        return this;
    }

    private ResidentRunner runner() {
        ResidentRunner r = runner;
        if (r == null && residentRunner) {
            synchronized (this) {
                if (runner == null) {
                    runner = new ResidentRunner(container(), ProcessGroupRunner.DEFAULT_OUTPUT_CAP_BYTES);
                }
                r = runner;
            }
        }
        return r;
    }

    /** The policy this sandbox runs under. */
    public SandboxPolicy policy() {
        return definition.policy();
    }

    /** A sandbox from an explicit definition (a judge container, see {@link SandboxDefinition#forJudge}). */
    public DockerExecutionEnvironment(DockerEngine engine, SandboxDefinition definition) {
        this.engine = engine;
        this.definition = definition;
        this.search = TextSearch.detect();
    }

    /** Over a running container (from the pool). */
    DockerExecutionEnvironment(SandboxContainer container) {
        this.engine = container.engine();
        this.definition = container.definition();
        this.search = TextSearch.detect();
        this.container = container;
        this.files = filesFor(definition);
        this.residentRunner = definition.policy().exec() == ExecMode.RUNNER;
    }

    /** Launches the container (idempotent). @throws SandboxException when Docker or the image is missing */
    @Override
    public synchronized void initialize() {
        if (container == null) {
            container = new SandboxLauncher(engine).launch(definition);
            files = filesFor(definition);
        }
    }

    private WorkspaceFiles filesFor(SandboxDefinition def) {
        return new WorkspaceFiles(new WorkspacePaths(def.hostWorkspace(), SandboxDefinition.WORKSPACE), search,
                def.owner().hostWrites());
    }

    private WorkspaceFiles files() {
        if (files == null) {
            initialize();
        }
        return files;
    }

    private SandboxContainer container() {
        if (container == null) {
            initialize();
        }
        return container;
    }

    /** The handle of the running container (starting it if needed). */
    public SandboxContainer sandbox() {
        return container();
    }

    @Override
    public String readFile(String path, Integer offset, Integer limit) {
        return files().read(path, offset, limit);
    }

    @Override
    public void writeFile(String path, String content) {
        files().write(path, content);
    }

    @Override
    public boolean fileExists(String path) {
        return files().exists(path);
    }

    @Override
    public List<DirEntry> listDirectory(String path, int depth) {
        return files().list(path, depth);
    }

    @Override
    public ExecResult execCommand(String command, long timeoutMs, String workingDir, Map<String, String> env) {
        WorkspaceFiles f = files();
        String relative = f.paths().relative(f.directory(workingDir));
        String dir = relative.equals(".") ? SandboxDefinition.WORKSPACE : SandboxDefinition.WORKSPACE + "/" + relative;
        ResidentRunner resident = runner();
        if (resident != null) {
            return resident.run(command, timeoutMs, dir, env);
        }
        return new ContainerExec(container(), ProcessGroupRunner.DEFAULT_OUTPUT_CAP_BYTES, sweeping)
                .run(command, timeoutMs, dir, env);
    }

    @Override
    public String grep(String pattern, String path, GrepOptions options) {
        return files().grep(pattern, path, options);
    }

    @Override
    public List<String> glob(String pattern, String path) {
        return files().glob(pattern, path);
    }

    /** Removes the container; the workspace on the host stays. */
    @Override
    public void cleanup() {
        ResidentRunner resident = runner;
        if (resident != null) {
            resident.close();
        }
        SandboxContainer c = container;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String workingDirectory() {
        return SandboxDefinition.WORKSPACE;
    }

    @Override
    public String platform() {
        return "linux";
    }

    /** The image's distribution, read once from {@code /etc/os-release} in the container. */
    @Override
    public String osVersion() {
        String v = osVersion;
        if (v == null) {
            ExecResult r = execCommand(". /etc/os-release && echo \"$PRETTY_NAME\"; uname -r", 10_000, null, null);
            v = r.succeeded() ? String.join(" ", r.stdout().strip().lines().toList()) : "Linux (unknown)";
            osVersion = v;
        }
        return v;
    }
}
