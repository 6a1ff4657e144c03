package io.nightshift.sandbox;

import io.nightshift.sandbox.files.TextSearch;
import io.nightshift.sandbox.files.WorkspaceFiles;
import io.nightshift.sandbox.files.WorkspacePaths;
import io.nightshift.sandbox.process.ProcessGroupRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs tools directly on this machine (coding-agent spec 4.2): files under the working directory, commands via
 * {@link ProcessGroupRunner}. It confines file paths to the workspace but is no security boundary for commands;
 * choose it explicitly for development or where Docker cannot run.
 *
 * <p>The inherited environment is passed in (usually {@code System.getenv()}) and filtered by an
 * {@link EnvPolicy}; secrets never reach commands unless passed explicitly per call.
 */
public final class LocalExecutionEnvironment implements ExecutionEnvironment {

    private final Path root;
    private final Map<String, String> inherited;
    private final EnvironmentFilter filter;
    private final TextSearch search;
    private final ProcessGroupRunner runner;
    private volatile WorkspaceFiles files;

    /** Inherits {@code inheritedEnv} minus secrets ({@link EnvPolicy#INHERIT_ALL}), grep through ripgrep if any. */
    public LocalExecutionEnvironment(Path workingDirectory, Map<String, String> inheritedEnv) {
        this(workingDirectory, inheritedEnv, EnvPolicy.INHERIT_ALL, TextSearch.detect(),
                ProcessGroupRunner.DEFAULT_OUTPUT_CAP_BYTES);
    }

    public LocalExecutionEnvironment(Path workingDirectory, Map<String, String> inheritedEnv, EnvPolicy policy) {
        this(workingDirectory, inheritedEnv, policy, TextSearch.detect(), ProcessGroupRunner.DEFAULT_OUTPUT_CAP_BYTES);
    }

    /** @param outputCapBytes how much of each of stdout and stderr a command keeps */
    public LocalExecutionEnvironment(Path workingDirectory, Map<String, String> inheritedEnv, EnvPolicy policy,
            TextSearch search, long outputCapBytes) {
        this.root = workingDirectory.toAbsolutePath().normalize();
        this.inherited = Map.copyOf(inheritedEnv);
        this.filter = new EnvironmentFilter(policy);
        this.search = search;
        this.runner = new ProcessGroupRunner(outputCapBytes);
    }

    @Override
    public void initialize() {
        files();
    }

    private WorkspaceFiles files() {
        WorkspaceFiles current = files;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (files == null) {
                try {
                    Files.createDirectories(root);
                } catch (IOException e) {
                    throw new FileAccessException(root.toString(), "cannot create the working directory: " + e, e);
                }
                files = new WorkspaceFiles(WorkspacePaths.local(root), search, null);
            }
            return files;
        }
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
        Path dir = files().directory(workingDir);
        Map<String, String> effective = new HashMap<>(filter.apply(inherited));
        if (env != null) {
            effective.putAll(env);
        }
        return runner.run(command, dir, effective, timeoutMs);
    }

    @Override
    public String grep(String pattern, String path, GrepOptions options) {
        return files().grep(pattern, path, options);
    }

    @Override
    public List<String> glob(String pattern, String path) {
        return files().glob(pattern, path);
    }

    /** Terminates commands still running; the working directory itself is left as it is. */
    @Override
    public void cleanup() {
        runner.terminateAll();
    }

    @Override
    public String workingDirectory() {
        return files().paths().hostRoot().toString();
    }

    @Override
    public String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "windows";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "darwin";
        }
        return "linux";
    }

    @Override
    public String osVersion() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
