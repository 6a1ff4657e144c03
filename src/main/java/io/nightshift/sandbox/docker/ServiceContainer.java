package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.process.OutputCollector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running service container from {@link ServiceContainers#ensure}: it stays up after this handle is dropped.
 * Thread-safe; every call is one exec.
 */
public final class ServiceContainer {

    /** Output beyond this is an error rather than silently cut: callers parse it. */
    private static final long OUTPUT_CAP_BYTES = 256L * 1024 * 1024;

    private final DockerEngine engine;
    private final String id;
    private final String name;

    ServiceContainer(DockerEngine engine, String id, String name) {
        this.engine = engine;
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /**
     * Runs {@code argv} with {@code stdinLine} plus a newline on its standard input and waits for it to end.
     * The engine never delivers an end of file on an exec's stdin, so the program must read exactly one line; it
     * runs under {@code timeout}, which kills it when {@code timeout} passes.
     *
     * @param stdinLine one line: it must not contain a newline
     * @throws SandboxException when the engine fails, the container is gone, or the program outlives its timeout
     */
    public ServiceExecResult exec(List<String> argv, String stdinLine, Duration timeout) {
        if (stdinLine.indexOf('\n') >= 0 || stdinLine.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("stdinLine must be a single line");
        }
        List<String> command = new ArrayList<>(List.of("timeout", "-k", "2", "-s", "TERM",
                Long.toString(Math.max(1, timeout.toSeconds()))));
        command.addAll(argv);
        String execId;
        try {
            execId = engine.call("create exec in " + name, () -> engine.client().execCreateCmd(id)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).withTty(false)
                    .exec().getId());
        } catch (DockerObjectMissingException e) {
            throw new SandboxLostException(name, "the container no longer exists");
        }
        OutputCollector out = new OutputCollector(OUTPUT_CAP_BYTES);
        OutputCollector err = new OutputCollector(OUTPUT_CAP_BYTES);
        Frames frames = new Frames(out, err);
        byte[] input = (stdinLine + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            engine.run("start exec in " + name, () -> engine.client().execStartCmd(execId).withDetach(false)
                    .withTty(false).withStdIn(new ByteArrayInputStream(input)).exec(frames));
            if (!frames.awaitCompletion(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                closeQuietly(frames);
                throw new SandboxException("the command in " + name + " did not finish within "
                        + timeout.toSeconds() + " s", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(frames);
            throw new SandboxException("interrupted while waiting for " + name, false, e);
        }
        if (frames.error != null) {
            throw new DockerUnavailableException(engine.host(), "read the output of " + name, frames.error, true);
        }
        Long exit = null;
        for (int attempt = 0; attempt < 100 && exit == null; attempt++) {
            var inspect = engine.call("inspect exec", () -> engine.client().inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(inspect.isRunning())) {
                exit = inspect.getExitCodeLong();
            } else {
                sleep();
            }
        }
        return new ServiceExecResult(out.text(), err.text(), exit == null ? -1 : exit.intValue());
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Frames frames) {
        try {
            frames.close();
        } catch (IOException ignored) {
            // giving up on an exec's stream
        }
    }

    private static final class Frames extends ResultCallback.Adapter<Frame> {
        private final OutputCollector out;
        private final OutputCollector err;
        private volatile Throwable error;

        Frames(OutputCollector out, OutputCollector err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload != null) {
                (frame.getStreamType() == StreamType.STDERR ? err : out).append(payload, payload.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            super.onError(throwable);
        }
    }
}
