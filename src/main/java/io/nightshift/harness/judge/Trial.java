package io.nightshift.harness.judge;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The state of one trial in its environment: the last command and HTTP results, the services it started and the
 * temporary files it wrote (stdin, request bodies), and the transcript an LLM judge reads. {@link #close()} stops
 * the services and removes the files, so a local trial leaves nothing running.
 */
final class Trial implements AutoCloseable {

    /** Raw bytes per chunk when writing a file through commands: a multiple of 3 whose base64 stays under bash's argument limit. */
    private static final int CHUNK = 48 * 1024;
    static final long HOUSEKEEPING_MS = 15_000;

    final ExecutionEnvironment env;
    Observation lastCommand;
    Observation lastHttp;
    /** Whichever of the two came last. */
    Observation latest;
    Integer lastPort;
    private final List<String> servicePidFiles = new ArrayList<>();
    private final List<String> tempFiles = new ArrayList<>();
    private final StringBuilder transcript = new StringBuilder();
    private final boolean disposable;
    final TrialTwins twins;
    /** What every command gets in its environment: the twins' base URLs. */
    private final java.util.Map<String, String> commandEnv;
    private long commandMs;

    /** @param disposable the environment is destroyed after the trial, so nothing needs stopping or removing */
    Trial(ExecutionEnvironment env, boolean disposable) {
        this(env, disposable, TrialTwins.NONE);
    }

    Trial(ExecutionEnvironment env, boolean disposable, TrialTwins twins) {
        this.env = env;
        this.disposable = disposable;
        this.twins = twins;
        java.util.Map<String, String> vars = twins.environment();
        this.commandEnv = vars.isEmpty() ? null : java.util.Map.copyOf(vars);
    }

    /** Runs a command on the trial's behalf; the time spent is counted as the program's, not the harness's. */
    ExecResult exec(String command, long timeoutMs, String workingDir) {
        long start = System.nanoTime();
        try {
            return env.execCommand(command, timeoutMs, workingDir, commandEnv);
        } finally {
            commandMs += (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** Milliseconds spent waiting for commands in the environment (program and housekeeping alike). */
    long commandMs() {
        return commandMs;
    }

    /** Writes {@code content} into a new file in the environment's {@code /tmp} and returns its path. */
    String writeTemp(String content) {
        String path = "/tmp/nightshift-judge-" + UUID.randomUUID();
        String last = writeTempExceptLastChunk(content, path);
        housekeeping(last);
        return path;
    }

    /**
     * A command prefix that makes {@code content} the stdin of what follows: the file is written in the same exec
     * as the command when it fits in one chunk (saving a round trip per step), in earlier execs otherwise.
     */
    String stdinPrefix(String content) {
        String path = "/tmp/nightshift-judge-" + UUID.randomUUID();
        String last = writeTempExceptLastChunk(content, path);
        return last + " || exit 125\nexec <" + Shell.quote(path) + "\n";
    }

    /** Writes all chunks but the last and returns the command that writes the last one. */
    private String writeTempExceptLastChunk(String content, String path) {
        tempFiles.add(path);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String next = ": > " + Shell.quote(path);
        for (int off = 0; off < bytes.length; off += CHUNK) {
            if (off > 0) {
                housekeeping(next);
            }
            int len = Math.min(CHUNK, bytes.length - off);
            String b64 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, off, off + len));
            next = "printf '%s' " + b64 + " | base64 -d >> " + Shell.quote(path);
        }
        return next;
    }

    /** A new path in {@code /tmp} removed when the trial ends. */
    String tempPath(String kind) {
        String path = "/tmp/nightshift-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        tempFiles.add(path);
        return path;
    }

    void serviceStarted(String pidFile, int port) {
        servicePidFiles.add(pidFile);
        lastPort = port;
    }

    private void housekeeping(String command) {
        ExecResult r = exec(command, HOUSEKEEPING_MS, null);
        if (!r.succeeded()) {
            throw new IllegalStateException("the judge environment could not run '" + command.split(" ")[0]
                    + "' (exit " + r.exitCode() + "): " + Texts.tail(r.stderr(), 300));
        }
    }

    void note(String text) {
        if (transcript.length() < 200_000) {
            transcript.append(text).append('\n');
        }
    }

    String transcript() {
        return transcript.toString();
    }

    /**
     * Stops every service (TERM to its process group, KILL after a second) and removes the temporary files, unless
     * the environment is disposable (a judge container takes all of it with it).
     */
    @Override
    public void close() {
        if (disposable) {
            return;
        }
        StringBuilder cleanup = new StringBuilder();
        for (String pidFile : servicePidFiles) {
            String f = Shell.quote(pidFile);
            cleanup.append("p=$(cat ").append(f).append(" 2>/dev/null); if [ -n \"$p\" ]; then kill -TERM -- -$p 2>/dev/null;")
                    .append(" for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 -- -$p 2>/dev/null || break; sleep 0.1; done;")
                    .append(" kill -KILL -- -$p 2>/dev/null; fi; rm -f ").append(f).append('\n');
        }
        for (String file : tempFiles) {
            cleanup.append("rm -f ").append(Shell.quote(file)).append('\n');
        }
        if (cleanup.isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            env.execCommand(cleanup + "true", HOUSEKEEPING_MS, null, null);
        } catch (RuntimeException ignored) {
            // the environment is going away anyway; a container takes its processes with it
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
