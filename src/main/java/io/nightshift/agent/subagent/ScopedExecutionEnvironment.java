package io.nightshift.agent.subagent;

import io.nightshift.sandbox.DirEntry;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.GrepOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parent's environment seen from a subdirectory (spawn_agent {@code working_dir}, coding-agent spec 7.2):
 * relative paths and commands resolve inside the subdirectory, and absolute paths keep working; the underlying
 * environment still confines everything to its own working directory. Lifecycle calls are not forwarded: the
 * parent owns the environment.
 */
public final class ScopedExecutionEnvironment implements ExecutionEnvironment {

    private final ExecutionEnvironment inner;
    private final String prefix;

    public ScopedExecutionEnvironment(ExecutionEnvironment inner, String subdirectory) {
        this.inner = inner;
        String clean = subdirectory.replace('\\', '/');
        while (clean.endsWith("/")) {
            clean = clean.substring(0, clean.length() - 1);
        }
        this.prefix = clean;
    }

    private String scoped(String path) {
        if (path == null || path.isEmpty() || path.equals(".")) {
            return prefix;
        }
        return path.startsWith("/") ? path : prefix + "/" + path;
    }

    private String unscoped(String path) {
        return path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : path;
    }

    @Override
    public String readFile(String path, Integer offset, Integer limit) {
        return inner.readFile(scoped(path), offset, limit);
    }

    @Override
    public void writeFile(String path, String content) {
        inner.writeFile(scoped(path), content);
    }

    @Override
    public boolean fileExists(String path) {
        return inner.fileExists(scoped(path));
    }

    @Override
    public List<DirEntry> listDirectory(String path, int depth) {
        return inner.listDirectory(scoped(path), depth);
    }

    @Override
    public ExecResult execCommand(String command, long timeoutMs, String workingDir, Map<String, String> env) {
        return inner.execCommand(command, timeoutMs, scoped(workingDir), env);
    }

    @Override
    public String grep(String pattern, String path, GrepOptions options) {
        String found = inner.grep(pattern, scoped(path), options);
        StringBuilder out = new StringBuilder();
        for (String line : found.split("\n", -1)) {
            out.append(unscoped(line)).append('\n');
        }
        return found.isEmpty() ? found : out.substring(0, out.length() - 1);
    }

    @Override
    public List<String> glob(String pattern, String path) {
        List<String> out = new ArrayList<>();
        for (String file : inner.glob(pattern, scoped(path))) {
            out.add(unscoped(file));
        }
        return out;
    }

    @Override
    public void initialize() {
    }

    @Override
    public void cleanup() {
    }

    @Override
    public String workingDirectory() {
        return inner.workingDirectory() + "/" + prefix;
    }

    @Override
    public String platform() {
        return inner.platform();
    }

    @Override
    public String osVersion() {
        return inner.osVersion();
    }
}
