package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.process.OutputCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one shell command in a sandbox through the exec API, stdout and stderr kept apart.
 *
 * <p>The engine cannot kill an exec, so the timeout is enforced inside the container by the runner script: the
 * command runs under GNU {@code timeout -s TERM -k 2}, which leads its own process group, sends TERM to the whole
 * group when time is up and KILL two seconds later (coding-agent spec 5.4). When the command's shell has exited,
 * the runner KILLs whatever it left in that group (background jobs, a fork bomb's children). In an agent's
 * sandbox ({@link #sweeping}) it then sweeps, as the resident runner does, every process the command left in
 * another group or session ({@link ShellFunctions#SWEEP}); judge containers and Nightshift's own probes are not
 * swept. The runner reads the cgroup's limit counters before and after and reports them, with how many processes
 * it swept, in a trailer line at the end of stderr, which is cut off before the agent sees stderr; the notes
 * ({@link LimitNotes}) name the limit from those counters, never from the exit status. All of it uses no new
 * process after the command's, which matters when the pids limit is used up. Stdin is never attached (docker-java
 * cannot send it an end of file).
 */
final class ContainerExec {

    private static final long KILL_AFTER_MS = 2_000;
    /** Starts the trailer line the runner writes last on stderr: pids-limit hits, OOM kills, processes swept. */
    static final String TRAILER = "\036nightshift-exec-limits\036";
    /** {@code $1} the command, {@code $2} the timeout in seconds; exits with the command's status. */
    private static final String RUN = """
            counters; pm0=$pm; oom0=$oom; swept=0
            timeout -k 2 -s TERM "$2" /bin/bash -c "$1" & t=$!
            wait $t; rc=$?; kill -KILL -- -$t 2>/dev/null
            """;
    private static final String REPORT = """
            counters
            printf '\\036nightshift-exec-limits\\036%d %d %d\\n' $((pm - pm0)) $((oom - oom0)) "$swept" >&2
            exit $rc
            """;
    /** The runner of judge containers and probes: the command's group is killed, nothing else. */
    static final String RUNNER = "set -f\n" + ShellFunctions.COUNTERS + RUN + REPORT;
    /** The runner of an agent's sandbox: as {@link #RUNNER}, then a sweep of what the command left anywhere. */
    static final String SWEEPING_RUNNER = "set -f\n" + ShellFunctions.COUNTERS + ShellFunctions.SWEEP + RUN + "sweep\n"
            + REPORT;
    /** A sweep on its own, for when the command's runner was killed before it could sweep. */
    static final String SWEEP_ONLY = "set -f\n" + ShellFunctions.SWEEP + "sweep\nprintf '%d' \"$swept\"\n";
    /** Stderr bytes held back until the end, enough to hold the trailer line whole. */
    private static final int TRAILER_HOLD = 512;
    private static final long ENGINE_MARGIN_MS = 5_000;

    private final SandboxContainer container;
    private final long outputCapBytes;
    private final boolean sweeping;

    ContainerExec(SandboxContainer container, long outputCapBytes) {
        this(container, outputCapBytes, false);
    }

    /** @param sweeping an agent's sandbox: kill what each command leaves running (see the class comment) */
    ContainerExec(SandboxContainer container, long outputCapBytes, boolean sweeping) {
        this.container = container;
        this.outputCapBytes = outputCapBytes;
        this.sweeping = sweeping;
    }

    ExecResult run(String command, long timeoutMs, String workingDir, Map<String, String> env) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
        }
        DockerEngine engine = container.engine();
        List<String> envList = new ArrayList<>();
        if (env != null) {
            env.forEach((k, v) -> envList.add(k + "=" + v));
        }
        String seconds = String.format(Locale.ROOT, "%.3f", timeoutMs / 1000.0);
        long start = System.nanoTime();
        String execId;
        try {
            execId = engine.call("create exec in " + container.name(), () -> engine.client()
                    .execCreateCmd(container.id())
                    .withCmd("/bin/bash", "-c", sweeping ? SWEEPING_RUNNER : RUNNER, "nightshift-exec", command, seconds)
                    .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).withTty(false)
                    .withWorkingDir(workingDir)
                    .withEnv(envList)
                    .exec().getId());
        } catch (DockerObjectMissingException e) {
            throw new SandboxLostException(container.name(), "the container no longer exists");
        } catch (SandboxException e) {
            throw lostOr(e);
        }
        OutputCollector out = new OutputCollector(outputCapBytes);
        OutputCollector err = new OutputCollector(outputCapBytes);
        Collector callback = new Collector(out, err);
        try {
            engine.run("start exec in " + container.name(),
                    () -> engine.client().execStartCmd(execId).withDetach(false).withTty(false).exec(callback));
            boolean finished = awaitCompletion(callback, timeoutMs + KILL_AFTER_MS + ENGINE_MARGIN_MS);
            if (!finished) {
                closeQuietly(callback);
                callback.finish();
                requireRunning();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new ExecResult(out.text(), err.text() + "\n[nightshift: the command did not end after TERM and "
                        + "KILL; stopped waiting for it]", -1, true, ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(callback);
            throw new SandboxException("interrupted while running a command in " + container.name(), false, e);
        } catch (DockerObjectMissingException e) {
            throw new SandboxLostException(container.name(), "the container no longer exists");
        } catch (SandboxException e) {
            throw lostOr(e);
        }
        if (callback.error != null) {
            requireRunning();
            throw new DockerUnavailableException(engine.host(), "read the output of a command", callback.error, true);
        }
        Long exit = exitCode(execId);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (exit == null || exit >= 128) {
            awaitSettledAndRequireRunning();
        }
        int code = exit == null ? -1 : exit.intValue();
        boolean timedOut = ms >= timeoutMs && (code == 124 || code == 137 || code == 143);
        Trailer trailer = callback.finish();
        String note;
        if (trailer != null) {
            note = LimitNotes.afterCommand(code, timedOut, trailer.pidsLimitHits(), trailer.oomKills(),
                    trailer.swept(), container.definition().policy());
        } else {
            // the runner itself was killed (by the command, or by the kernel): nothing was swept or counted
            note = (code == 137 && !timedOut ? "\n[nightshift: the command and its runner were killed by SIGKILL; "
                    + "the sandbox's limit counters could not be read, so which limit (if any) is unknown]" : "")
                    + (sweeping ? LimitNotes.swept(sweepOnly()) : "");
        }
        String stderr = err.text();
        note += LimitNotes.diskFull(out.text(), stderr, container.definition().policy());
        return new ExecResult(out.text(), stderr + note, code, timedOut, ms);
    }

    /**
     * Sweeps in an exec of its own, when the command's runner could not: returns how many processes it killed, 0
     * when the sweep itself could not run (the command's result stands).
     */
    private long sweepOnly() {
        try {
            ExecResult r = new ContainerExec(container, 4096).runScript(SWEEP_ONLY, 30_000);
            return r == null ? 0 : Long.parseLong(r.stdout().strip());
        } catch (SandboxException | NumberFormatException e) {
            return 0;
        }
    }

    /** Runs a script of Nightshift's own (no timeout wrapper); null when it did not end in time. */
    private ExecResult runScript(String script, long millis) {
        DockerEngine engine = container.engine();
        String id = engine.call("create exec in " + container.name(), () -> engine.client()
                .execCreateCmd(container.id())
                .withCmd("/bin/bash", "-c", script, "nightshift-sweep")
                .withAttachStdout(true).withAttachStderr(true).withAttachStdin(false).withTty(false)
                .exec().getId());
        OutputCollector out = new OutputCollector(outputCapBytes);
        OutputCollector err = new OutputCollector(outputCapBytes);
        Collector callback = new Collector(out, err);
        try {
            engine.run("start exec in " + container.name(),
                    () -> engine.client().execStartCmd(id).withDetach(false).withTty(false).exec(callback));
            if (!awaitCompletion(callback, millis) || callback.error != null) {
                closeQuietly(callback);
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(callback);
            return null;
        }
        callback.finish();
        return new ExecResult(out.text(), err.text(), 0, false, 0);
    }

    /** Waits for the end of the output; a transport error ends it too and is left in {@code callback.error}. */
    private static boolean awaitCompletion(Collector callback, long millis) throws InterruptedException {
        try {
            return callback.awaitCompletion(millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            if (callback.error == null) {
                callback.error = e;
            }
            return true;
        }
    }

    private Long exitCode(String execId) {
        DockerEngine engine = container.engine();
        for (int attempt = 0; attempt < 50; attempt++) {
            InspectExecResponse inspect = engine.call("inspect exec", () -> engine.client().inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(inspect.isRunning()) && inspect.getExitCodeLong() != null) {
                return inspect.getExitCodeLong();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * After an exit by signal: the engine may report the exec ended before it reports the container stopped, so
     * watch the container for a moment before trusting that it still runs.
     */
    void awaitSettledAndRequireRunning() {
        for (int i = 0; i < 10; i++) {
            requireRunning();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        requireRunning();
    }

    /** Throws {@link SandboxLostException} when the container is gone or stopped; returns when it runs. */
    void requireRunning() {
        DockerEngine engine = container.engine();
        InspectContainerResponse.ContainerState state;
        try {
            state = engine.call("inspect container " + container.name(),
                    () -> engine.client().inspectContainerCmd(container.id()).exec().getState());
        } catch (DockerObjectMissingException e) {
            throw new SandboxLostException(container.name(), "the container was removed");
        }
        if (!Boolean.TRUE.equals(state.getRunning())) {
            throw new SandboxLostException(container.name(), "the container stopped (status " + state.getStatus()
                    + ", exit code " + state.getExitCodeLong() + ", out of memory: " + state.getOOMKilled() + ")");
        }
    }

    private SandboxException lostOr(SandboxException e) {
        if (e instanceof DockerUnavailableException) {
            return e;
        }
        try {
            requireRunning();
        } catch (SandboxException lost) {
            return lost;
        }
        return e;
    }

    private static void closeQuietly(Collector callback) {
        try {
            callback.close();
        } catch (IOException ignored) {
            // closing the attach stream of an exec we gave up on
        }
    }

    /** What the runner's trailer line says; a plain class, not a record: nothing serialises it. */
    static final class Trailer {
        private final long pidsLimitHits;
        private final long oomKills;
        private final long swept;

        Trailer(long pidsLimitHits, long oomKills, long swept) {
            this.pidsLimitHits = pidsLimitHits;
            this.oomKills = oomKills;
            this.swept = swept;
        }

        long pidsLimitHits() {
            return pidsLimitHits;
        }

        long oomKills() {
            return oomKills;
        }

        long swept() {
            return swept;
        }
    }

    /**
     * Routes frames to the two collectors and records a transport error. The last {@link #TRAILER_HOLD} bytes of
     * stderr are held back until {@link #finish}, which cuts the runner's trailer line off them.
     */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final OutputCollector out;
        private final OutputCollector err;
        private final java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        private volatile Throwable error;

        Collector(OutputCollector out, OutputCollector err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            if (frame.getStreamType() != StreamType.STDERR) {
                out.append(payload, payload.length);
                return;
            }
            synchronized (held) {
                held.writeBytes(payload);
                if (held.size() > TRAILER_HOLD) {
                    byte[] all = held.toByteArray();
                    int release = all.length - TRAILER_HOLD;
                    err.append(all, release);
                    held.reset();
                    held.write(all, release, TRAILER_HOLD);
                }
            }
        }

        /**
         * Releases the held stderr, without the trailer line when the runner wrote one (the last one: nothing the
         * command ran can write after it), and returns what the trailer said, or null.
         */
        Trailer finish() {
            synchronized (held) {
                byte[] all = held.toByteArray();
                held.reset();
                String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
                int at = text.lastIndexOf(TRAILER);
                Trailer trailer = null;
                if (at >= 0 && text.endsWith("\n")) {
                    String[] f = text.substring(at + TRAILER.length()).strip().split(" ");
                    try {
                        trailer = new Trailer(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        trailer = null;
                    }
                }
                err.append(all, trailer == null ? all.length : at);
                return trailer;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            super.onError(throwable);
        }
    }
}
