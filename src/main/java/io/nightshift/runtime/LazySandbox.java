package io.nightshift.runtime;

import io.nightshift.sandbox.DirEntry;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.SandboxException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Docker sandbox that is opened (engine connection, reaping of dead owners' containers, container start) when a
 * stage first uses it, not when the run or its parallel branch starts: a run whose stages never run a tool or an
 * agent (a simulated pipeline, a run of human gates) starts no container at all (issue 21). {@link #initialize()}
 * therefore does nothing; the run checks up front that the engine and the image are there
 * ({@link SandboxChoice#decide}), and a container that still cannot start fails the stage that needed it.
 */
final class LazySandbox implements ExecutionEnvironment {

    private final Supplier<ExecutionEnvironment> opener;
    private final String workingDirectory;
    private ExecutionEnvironment opened;
    private boolean closed;

    /**
     * @param opener           opens and initializes the real sandbox; called at most once
     * @param workingDirectory what the sandbox's {@link #workingDirectory()} will be, answered without opening it
     */
    LazySandbox(Supplier<ExecutionEnvironment> opener, String workingDirectory) {
        this.opener = opener;
        this.workingDirectory = workingDirectory;
    }

    private synchronized ExecutionEnvironment sandbox() {
        if (closed) {
            throw new SandboxException("the sandbox of this run was already closed", false);
        }
        if (opened == null) {
            ExecutionEnvironment env = opener.get();
            try {
                env.initialize();
            } catch (RuntimeException e) {
                env.cleanup();
                throw e;
            }
            opened = env;
        }
        return opened;
    }

    /** Whether a stage has used the sandbox, so that it runs. */
    synchronized boolean started() {
        return opened != null;
    }

    @Override
    public String readFile(String path, Integer offset, Integer limit) {
        return sandbox().readFile(path, offset, limit);
    }

    @Override
    public void writeFile(String path, String content) {
        sandbox().writeFile(path, content);
    }

    @Override
    public boolean fileExists(String path) {
        return sandbox().fileExists(path);
    }

    @Override
    public List<DirEntry> listDirectory(String path, int depth) {
        return sandbox().listDirectory(path, depth);
    }

    @Override
    public ExecResult execCommand(String command, long timeoutMs, String workingDir, Map<String, String> env) {
        return sandbox().execCommand(command, timeoutMs, workingDir, env);
    }

    @Override
    public String grep(String pattern, String path, GrepOptions options) {
        return sandbox().grep(pattern, path, options);
    }

    @Override
    public List<String> glob(String pattern, String path) {
        return sandbox().glob(pattern, path);
    }

    /** Deferred to the first use (see the class comment). */
    @Override
    public void initialize() {
    }

    @Override
    public void cleanup() {
        ExecutionEnvironment env;
        synchronized (this) {
            closed = true;
            env = opened;
            opened = null;
        }
        if (env != null) {
            env.cleanup();
        }
    }

    @Override
    public String workingDirectory() {
        return workingDirectory;
    }

    @Override
    public String platform() {
        return "linux";
    }

    @Override
    public String osVersion() {
        return sandbox().osVersion();
    }
}
