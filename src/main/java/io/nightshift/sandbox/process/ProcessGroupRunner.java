package io.nightshift.sandbox.process;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code /bin/bash -c COMMAND} on this machine in a new session and process group ({@code setsid}), with
 * stdin at end-of-file and stdout / stderr drained separately and concurrently (coding-agent spec 4.2).
 *
 * <p>On timeout the whole group gets TERM, then KILL after {@link #KILL_GRACE_MS} (spec 5.4), and the output
 * gathered so far is returned with {@code timedOut}. When the shell exits but background children still hold
 * its output open, the runner waits {@link #DRAIN_GRACE_MS} and then terminates the group the same way, so a
 * stray {@code server &} cannot hang the call (a background job whose output is redirected is left running).
 * A child that left the group ({@code setsid} of its own) and keeps the pipe open is abandoned, not waited for.
 */
public final class ProcessGroupRunner {

    public static final long DEFAULT_OUTPUT_CAP_BYTES = 10L * 1024 * 1024;
    public static final long KILL_GRACE_MS = 2_000;
    public static final long DRAIN_GRACE_MS = 1_000;
    private static final long LAST_READ_MS = 1_000;
    private static final boolean HAS_SETSID = onPath("setsid");

    /** Every group any runner has running: killed when the JVM exits, so no command outlives the process. */
    private static final Set<Long> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(
                pgid -> ProcessGroups.signal(pgid, "KILL")), "nightshift-command-groups"));
    }

    private final long outputCapBytes;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    public ProcessGroupRunner(long outputCapBytes) {
        this.outputCapBytes = outputCapBytes;
    }

    /**
     * @param env the complete environment of the command (nothing else is inherited)
     * @throws SandboxException when the shell cannot be started
     */
    public ExecResult run(String command, Path dir, Map<String, String> env, long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
        }
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<String> argv = new ArrayList<>();
        if (HAS_SETSID) {
            argv.add("setsid");
        }
        argv.addAll(List.of("/bin/bash", "-c", command));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start /bin/bash in " + dir + ": " + e.getMessage(), false, e);
        }
        long pgid = process.pid();
        running.add(pgid);
        if (HAS_SETSID) {
            LIVE.add(pgid);
        }
        OutputCollector out = OutputCollector.start(process.getInputStream(), outputCapBytes, "exec-stdout-" + pgid);
        OutputCollector err = OutputCollector.start(process.getErrorStream(), outputCapBytes, "exec-stderr-" + pgid);
        boolean timedOut = false;
        String note = "";
        try {
            if (!process.waitFor(remainingMs(deadline), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                stop(process, pgid);
            } else {
                long grace = DRAIN_GRACE_MS;
                if (!(out.awaitEnd(grace) && err.awaitEnd(grace))) {
                    stop(process, pgid);
                    note = "\n[nightshift: the command exited but background processes kept its output open;"
                            + " they were terminated. Redirect a background job's output to keep it running.]";
                }
            }
            out.awaitEnd(LAST_READ_MS);
            err.awaitEnd(LAST_READ_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(process, pgid);
            throw new SandboxException("interrupted while running: " + command, false, e);
        } finally {
            running.remove(pgid);
            LIVE.remove(pgid);
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new ExecResult(out.text(), err.text() + note, exit, timedOut, durationMs);
    }

    /** Terminates every command still running (TERM, then KILL); used when the environment is cleaned up. */
    public void terminateAll() {
        for (Long pgid : List.copyOf(running)) {
            try {
                ProcessGroups.terminate(pgid, KILL_GRACE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ProcessGroups.signal(pgid, "KILL");
            }
        }
    }

    private static void stop(Process process, long pgid) throws InterruptedException {
        if (HAS_SETSID) {
            ProcessGroups.terminate(pgid, KILL_GRACE_MS);
        } else {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process.waitFor(KILL_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    private static void stopQuietly(Process process, long pgid) {
        ProcessGroups.signal(pgid, "KILL");
        process.destroyForcibly();
    }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
