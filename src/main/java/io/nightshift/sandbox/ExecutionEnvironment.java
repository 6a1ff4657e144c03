package io.nightshift.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Where tools act (coding-agent spec 4.1): files and commands, relative to {@link #workingDirectory()}.
 * Implementations are thread-safe: parallel tool calls and parallel pipeline branches share one.
 * Failures of the environment itself (engine gone, container killed) throw {@link SandboxException};
 * a command that fails is an {@link ExecResult} with its exit code, not an exception. Requests the caller can fix
 * throw the non-retryable subclasses {@link PathOutsideWorkspaceException}, {@link FileAccessException} and
 * {@link InvalidPatternException}; agent tools turn those into error results for the model.
 *
 * <p>Paths may be relative to {@link #workingDirectory()} or absolute under it; anything that resolves outside it
 * (through {@code ..} or symbolic links) is refused. Paths in results ({@link #grep}, {@link #glob}) are relative
 * to the working directory.
 */
public interface ExecutionEnvironment extends AutoCloseable {

    /**
     * Reads a text file. {@code offset} is the 1-based first line and {@code limit} the number of lines;
     * either may be null for "from the start" and "to the end".
     */
    String readFile(String path, Integer offset, Integer limit);

    /** Writes a text file, creating parent directories. */
    void writeFile(String path, String content);

    boolean fileExists(String path);

    /** Entries of a directory, recursing {@code depth} levels (1 = the directory itself only), sorted by path. */
    List<DirEntry> listDirectory(String path, int depth);

    /**
     * Runs a shell command and waits for it. On timeout the whole process tree is terminated (TERM, then
     * KILL after 2 s) and the output collected so far is returned with {@code timedOut} set.
     *
     * @param workingDir relative to the working directory, or null for the working directory itself
     * @param env extra variables, added to the filtered environment; may be null
     */
    ExecResult execCommand(String command, long timeoutMs, String workingDir, Map<String, String> env);

    /**
     * Searches file contents with a regular expression; returns matches as {@code path:line:text} lines in path
     * order (empty when nothing matches), skipping {@code .git} and binary files; when {@code maxResults} cuts the
     * list a last line says so. {@code path} null means the working directory.
     */
    String grep(String pattern, String path, GrepOptions options);

    /** Files matching a glob ({@code **} spans directories) under {@code path} (null = working directory), newest first. */
    List<String> glob(String pattern, String path);

    /** Prepares the environment (creates directories, starts containers). Idempotent. */
    void initialize();

    /** Releases everything the environment holds. Idempotent; must not throw. */
    void cleanup();

    /** Absolute path of the working directory as the tools see it. */
    String workingDirectory();

    /** {@code linux}, {@code darwin}, {@code windows} or {@code wasm}. */
    String platform();

    String osVersion();

    @Override
    default void close() {
        cleanup();
    }
}
