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
 * <p>The engine cannot kill an exec, so the timeout is enforced inside the container by {@link #RUNNER}: the
 * command runs under GNU {@code timeout -s TERM -k 2}, which leads its own process group, sends TERM to the whole
 * group when time is up and KILL two seconds later (coding-agent spec 5.4). When the command's shell has exited,
 * the runner KILLs whatever it left in that group (background jobs, a fork bomb's children); a service meant to
 * outlive the command must leave the group ({@code setsid}). Both steps use no new process ({@code kill} is a
 * shell builtin), which matters when the pids limit is used up. Stdin is never attached (docker-java cannot send
 * it an end of file).
 */
final class ContainerExec {

    private static final long KILL_AFTER_MS = 2_000;
    /** {@code $1} the command, {@code $2} the timeout in seconds; exits with the command's status. */
    static final String RUNNER = "timeout -k 2 -s TERM \"$2\" /bin/bash -c \"$1\" & t=$!; wait $t; rc=$?; "
            + "kill -KILL -- -$t 2>/dev/null; exit $rc";
    private static final long ENGINE_MARGIN_MS = 5_000;

    private final SandboxContainer container;
    private final long outputCapBytes;

    ContainerExec(SandboxContainer container, long outputCapBytes) {
        this.container = container;
        this.outputCapBytes = outputCapBytes;
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
                    .withCmd("/bin/bash", "-c", RUNNER, "nightshift-exec", command, seconds)
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
        String note = "";
        if (code == 137 && !timedOut) {
            note = "\n[nightshift: the command was killed by SIGKILL; usually the sandbox memory limit ("
                    + container.definition().policy().memoryBytes() / (1024 * 1024) + " MiB) was exceeded]";
        }
        return new ExecResult(out.text(), err.text() + note, code, timedOut, ms);
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

    /** Routes frames to the two collectors and records a transport error. */
    private static final class Collector extends ResultCallback.Adapter<Frame> {
        private final OutputCollector out;
        private final OutputCollector err;
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
            (frame.getStreamType() == StreamType.STDERR ? err : out).append(payload, payload.length);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            super.onError(throwable);
        }
    }
}
