package io.nightshift.sandbox.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.SandboxException;
import io.nightshift.sandbox.process.OutputCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands through shells that stay resident in the sandbox, so a command costs a write on an attached stream
 * and a few forks inside the container instead of the engine's exec machinery (about 60 ms per {@code docker exec}
 * here). Selected by {@code sandbox.exec=runner} ({@link ExecMode#RUNNER}; the runtime's default for runs) or
 * {@link DockerExecutionEnvironment#useResidentRunner}; {@link ContainerExec} is the library's default.
 *
 * <p>Each {@link Session} is one exec of {@link #SCRIPT} with stdin attached, running one command at a time;
 * concurrent commands take further sessions (started on demand, kept idle afterwards). A request is one line of
 * escaped fields; the shell runs the command exactly like {@link ContainerExec#RUNNER} (GNU {@code timeout} leading
 * its own process group, TERM then KILL, the group killed when the shell exits), with its output in files on the
 * container's {@code /tmp} (so the tmpfs size bounds one command's output), then writes stdout, a marker, stderr
 * and a marker carrying the exit code ({@code cat} only for non-empty files: a silent command costs two forks,
 * the subshell that becomes {@code timeout} and its shell). Markers hold
 * a random nonce the command never sees. Nothing relies on stdin's end of file (docker-java cannot deliver one).
 * A session whose stream breaks is dropped; the command it was running reports what happened.
 */
final class ResidentRunner implements AutoCloseable {

    /**
     * The resident shell: reads requests {@code NONCE SECONDS _DIR _ENV _COMMAND}, fields escaped as {@code \xHH};
     * answers stdout, a marker, stderr, a marker and {@code EXIT PIDS_LIMIT_HITS OOM_KILLS SWEPT}.
     *
     * <p>After each command {@code sweep} kills every process of the sandbox that no running command owns: what
     * this command left (also in another process group or session) and every orphan (whose parent was the
     * container's init). It keeps init, the container's main process (the oldest child of init), every process an
     * engine exec started (their parent is outside the container: 0) and their descendants, so concurrent
     * commands and the other runners live on. Nothing in it forks ({@code read}, {@code kill} and {@code printf}
     * are builtins): it works while a fork bomb holds the pids limit. Processes are stopped before they are
     * killed, and the sweep repeats until nothing is left, so a process forking meanwhile is caught. The cgroup's
     * event counters (v2 or v1), read before and after, say which limit the command met.
     */
    static final String SCRIPT = """
            set -f
            d=$(mktemp -d /tmp/.nightshift-runner.XXXXXX) || exit 1
            trap 'rm -rf "$d"' EXIT
            """ + ShellFunctions.COUNTERS + ShellFunctions.SWEEP + """
            sweep
            while read -r nonce secs dir envs cmd; do
              printf -v dir '%b' "${dir#_}"
              printf -v cmd '%b' "${cmd#_}"
              counters; pm0=$pm; oom0=$oom
              (
                IFS=,
                for kv in ${envs#_}; do printf -v kv '%b' "$kv"; export "$kv"; done
                cd "$dir" || exit 1
                exec timeout -k 2 -s TERM "$secs" /bin/bash -c "$cmd"
              ) </dev/null >"$d/o" 2>"$d/e" & t=$!
              wait $t; rc=$?; kill -KILL -- -$t 2>/dev/null; sweep; counters
              [ -s "$d/o" ] && cat "$d/o"; printf '\\036%s:o\\036' "$nonce"
              [ -s "$d/e" ] && cat "$d/e"
              printf '\\036%s:e\\036%d %d %d %d %d %d\\n' "$nonce" "$rc" $((pm - pm0)) $((oom - oom0)) "$swept" \\
                "$pm" "$oom"
            done
            """;

    private static final long KILL_AFTER_MS = 2_000;
    private static final long MARGIN_MS = 5_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxContainer container;
    private final long outputCapBytes;
    private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
    private final LimitCounters seen = new LimitCounters();
    private volatile boolean closed;

    ResidentRunner(SandboxContainer container, long outputCapBytes) {
        this.container = container;
        this.outputCapBytes = outputCapBytes;
    }

    ExecResult run(String command, long timeoutMs, String workingDir, Map<String, String> env) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
        }
        for (int attempt = 1; ; attempt++) {
            Session session = idle.pollFirst();
            if (session == null) {
                // a new shell on a stopped container would only fail later and less clearly
                new ContainerExec(container, outputCapBytes).requireRunning();
                session = Session.start(container, seen);
            }
            ExecResult result;
            try {
                result = session.run(command, timeoutMs, workingDir, env, outputCapBytes);
            } catch (NotDelivered e) {
                // the command never reached the shell: a fresh runner can take it without running anything twice
                session.close();
                if (attempt < 2) {
                    continue;
                }
                throw new SandboxException("the command runner in " + container.name() + " stopped accepting "
                        + "commands twice in a row (" + e.getCause().getMessage() + ")", true, e);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
            if (session.broken() || closed) {
                session.close();
            } else {
                idle.addFirst(session);
            }
            return result;
        }
    }

    @Override
    public void close() {
        closed = true;
        Session s;
        while ((s = idle.pollFirst()) != null) {
            s.close();
        }
    }

    /** {@code _} followed by the UTF-8 bytes of {@code s}, everything but a few safe characters as {@code \xHH}. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8).append('_');
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '.'
                    || c == '_' || c == '-') {
                out.append((char) c);
            } else {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return out.toString();
    }

    /** One resident shell: an exec with stdin attached, parsing its stdout into responses. */
    static final class Session extends ResultCallback.Adapter<Frame> {

        private final SandboxContainer container;
        private final LimitCounters seen;
        private final RequestPipe requests;
        private final Object lock = new Object();
        private Response current;
        private volatile boolean broken;
        private volatile Throwable error;

        private Session(SandboxContainer container, LimitCounters seen) {
            this.container = container;
            this.seen = seen;
            this.requests = new RequestPipe(64 * 1024);
        }

        static Session start(SandboxContainer container, LimitCounters seen) {
            DockerEngine engine = container.engine();
            Session session = new Session(container, seen);
            String execId;
            try {
                execId = engine.call("create the command runner in " + container.name(), () -> engine.client()
                        .execCreateCmd(container.id())
                        .withCmd("/bin/bash", "-c", SCRIPT, "nightshift-runner")
                        .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).withTty(false)
                        .exec().getId());
            } catch (DockerObjectMissingException e) {
                throw new SandboxLostException(container.name(), "the container no longer exists");
            }
            engine.run("start the command runner in " + container.name(), () -> engine.client().execStartCmd(execId)
                    .withDetach(false).withTty(false).withStdIn(session.requests).exec(session));
            return session;
        }

        boolean broken() {
            return broken;
        }

        ExecResult run(String command, long timeoutMs, String workingDir, Map<String, String> env, long cap) {
            String nonce = HexFormat.of().formatHex(randomBytes());
            StringBuilder envField = new StringBuilder("_");
            if (env != null) {
                env.forEach((k, v) -> {
                    if (envField.length() > 1) {
                        envField.append(',');
                    }
                    envField.append(escape(k + "=" + v).substring(1));
                });
            }
            String seconds = String.format(Locale.ROOT, "%.3f", timeoutMs / 1000.0);
            String line = nonce + " " + seconds + " " + escape(workingDir) + " " + envField + " " + escape(command)
                    + "\n";
            Response response = new Response(nonce, cap);
            long start = System.nanoTime();
            synchronized (lock) {
                if (broken) {
                    response.abandon();
                } else {
                    current = response;
                }
            }
            try {
                if (broken) {
                    throw new IOException("the runner's stream has ended");
                }
                requests.send(line.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                broken = true;
                new ContainerExec(container, cap).requireRunning();
                throw new NotDelivered(e);
            }
            boolean done;
            try {
                done = response.await(timeoutMs + KILL_AFTER_MS + MARGIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                broken = true;
                throw new SandboxException("interrupted while running a command in " + container.name(), false, e);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (!done) {
                broken = true;
                new ContainerExec(container, cap).requireRunning();
                return new ExecResult(response.out.text(), response.err.text() + "\n[nightshift: the command did not "
                        + "end after TERM and KILL; stopped waiting for it]", -1, true, ms);
            }
            if (response.exitCode == null) {
                broken = true;
                // the stream can end before the engine reports the container stopped: watch it a moment
                new ContainerExec(container, cap).awaitSettledAndRequireRunning();
                return new ExecResult(response.out.text(), response.err.text() + "\n" + LimitNotes.runnerKilled(
                        seen.since(LimitCounters.probe(container)), container.definition().policy()), 137, false, ms);
            }
            seen.update(response.pidsLimitTotal, response.oomKillTotal);
            int code = response.exitCode;
            boolean timedOut = ms >= timeoutMs && (code == 124 || code == 137 || code == 143);
            String note = LimitNotes.afterCommand(code, timedOut, response.pidsLimitHits, response.oomKills,
                    response.swept, container.definition().policy())
                    + LimitNotes.diskFull(response.out.text(), response.err.text(), container.definition().policy());
            return new ExecResult(response.out.text(), response.err.text() + note, code, timedOut, ms);
        }

        private static byte[] randomBytes() {
            byte[] b = new byte[12];
            RANDOM.nextBytes(b);
            return b;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null || frame.getStreamType() != StreamType.STDOUT) {
                return;
            }
            synchronized (lock) {
                if (current != null && current.accept(payload)) {
                    current = null;
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            end();
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            end();
            super.onComplete();
        }

        private void end() {
            broken = true;
            synchronized (lock) {
                if (current != null) {
                    current.abandon();
                    current = null;
                }
            }
        }

        @Override
        public void close() {
            broken = true;
            requests.close();
            try {
                super.close();
            } catch (IOException ignored) {
                // closing the attach stream of a runner we no longer use
            }
        }
    }

    /** A request the shell never received (its input had closed): safe to send again to a fresh runner. */
    static final class NotDelivered extends RuntimeException {
        NotDelivered(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The parse state of one response: stdout up to the first marker, stderr up to the second, the exit code. */
    static final class Response {

        private final byte[] outMarker;
        private final byte[] errMarker;
        final OutputCollector out;
        final OutputCollector err;
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private int section;
        volatile Integer exitCode;
        volatile long pidsLimitHits;
        volatile long oomKills;
        volatile long swept;
        volatile long pidsLimitTotal;
        volatile long oomKillTotal;

        Response(String nonce, long cap) {
            this.outMarker = ("\036" + nonce + ":o\036").getBytes(StandardCharsets.US_ASCII);
            this.errMarker = ("\036" + nonce + ":e\036").getBytes(StandardCharsets.US_ASCII);
            this.out = new OutputCollector(cap);
            this.err = new OutputCollector(cap);
        }

        /** Takes the next bytes of the runner's stdout; true once the response is complete. */
        boolean accept(byte[] bytes) {
            pending.writeBytes(bytes);
            while (true) {
                byte[] buf = pending.toByteArray();
                if (section == 2) {
                    int nl = indexOf(buf, new byte[] {'\n'});
                    if (nl < 0) {
                        return false;
                    }
                    String[] fields = new String(buf, 0, nl, StandardCharsets.US_ASCII).strip().split(" ");
                    pidsLimitHits = Long.parseLong(fields[1]);
                    oomKills = Long.parseLong(fields[2]);
                    swept = Long.parseLong(fields[3]);
                    pidsLimitTotal = Long.parseLong(fields[4]);
                    oomKillTotal = Long.parseLong(fields[5]);
                    exitCode = Integer.parseInt(fields[0]);
                    finished.countDown();
                    return true;
                }
                byte[] marker = section == 0 ? outMarker : errMarker;
                OutputCollector target = section == 0 ? out : err;
                int at = indexOf(buf, marker);
                pending.reset();
                if (at >= 0) {
                    target.append(buf, at);
                    pending.write(buf, at + marker.length, buf.length - at - marker.length);
                    section++;
                    continue;
                }
                int keep = Math.min(buf.length, marker.length - 1);
                target.append(buf, buf.length - keep);
                pending.write(buf, buf.length - keep, keep);
                return false;
            }
        }

        void abandon() {
            finished.countDown();
        }

        boolean await(long millis) throws InterruptedException {
            return finished.await(millis, TimeUnit.MILLISECONDS);
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
