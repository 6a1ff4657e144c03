package io.nightshift.harness.judge;

import io.nightshift.harness.StepAction;
import io.nightshift.sandbox.ExecResult;
import java.util.Locale;
import java.util.Map;

/**
 * The acting steps: they run in the trial's environment and leave an {@link Observation} for the expectations.
 * A command that fails is not a failing step (an exit code expectation decides); a service that never listens
 * and a request that gets no response are.
 */
final class Actions {

    /** How long an HTTP request may take (the step has no timeout of its own). */
    static final long HTTP_TIMEOUT_MS = 30_000;

    private Actions() {
    }

    /** Runs the command with its stdin redirected from a temporary file, in the snapshot or its sub-directory. */
    static StepCheck run(StepAction.RunCommand action, Trial trial) {
        String command = action.command();
        if (action.stdin() != null) {
            command = trial.stdinPrefix(action.stdin()) + command;
        }
        long timeoutMs = action.timeout().toMillis();
        ExecResult r = trial.exec(command, timeoutMs, action.workingDir());
        trial.lastCommand = Observation.command(r.exitCode(), r.timedOut(), timeoutMs, r.stdout(), r.stderr());
        trial.latest = trial.lastCommand;
        trial.note(trial.lastCommand.describe());
        return StepCheck.PASSED;
    }

    /**
     * Starts the command in its own session (so it outlives the exec that started it, and can be stopped as a
     * group), output to a log file, then polls until something accepts connections on the port (IPv4 or IPv6
     * loopback) or the service exits or the step's timeout passes.
     */
    static StepCheck start(StepAction.StartService action, Trial trial) {
        String pidFile = trial.tempPath("service-pid");
        String log = trial.tempPath("service-log");
        String launch = "setsid /bin/bash -c 'echo $$ > \"$1\"; exec /bin/bash -c \"$0\"' " + Shell.quote(action.command())
                + " " + Shell.quote(pidFile) + " >" + Shell.quote(log) + " 2>&1 </dev/null &"
                // The exec's process group is killed when this command returns (sandbox exec semantics): return only
                // once the service has left it through setsid, which it proves by writing its pid.
                + " for _ in $(seq 250); do [ -s " + Shell.quote(pidFile) + " ] && break; sleep 0.02; done";
        ExecResult started = trial.exec(launch, Trial.HOUSEKEEPING_MS, action.workingDir());
        trial.serviceStarted(pidFile, action.port());
        String expected = "a service listening on port " + action.port() + " within "
                + Observation.seconds(action.timeout().toMillis());
        if (!started.succeeded()) {
            return StepCheck.failed("the service could not be started: " + Texts.tail(started.stderr(), Texts.TAIL),
                    expected, "the service's command could not be launched");
        }
        int port = action.port();
        String wait = "p=; while true; do"
                + " if (exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null || (exec 3<>/dev/tcp/::1/" + port
                + ") 2>/dev/null; then exit 0; fi;"
                + " [ -z \"$p\" ] && p=$(cat " + Shell.quote(pidFile) + " 2>/dev/null);"
                + " if [ -n \"$p\" ] && ! kill -0 \"$p\" 2>/dev/null; then exit 3; fi;"
                + " sleep 0.05; done";
        ExecResult waited = trial.exec(wait, action.timeout().toMillis(), null);
        if (waited.exitCode() == 0 && !waited.timedOut()) {
            trial.note("the service is listening on port " + port);
            return StepCheck.PASSED;
        }
        String output = serviceLog(trial, log);
        String what = waited.timedOut()
                ? "the service was still running but not listening on port " + port + " after "
                        + Observation.seconds(action.timeout().toMillis())
                : "the service exited before it listened on port " + port;
        trial.note(what);
        return StepCheck.failed(what + "\nits output:\n" + output, expected, what);
    }

    private static String serviceLog(Trial trial, String log) {
        ExecResult r = trial.exec("tail -c " + Texts.TAIL + " " + Shell.quote(log) + " 2>/dev/null", Trial.HOUSEKEEPING_MS,
                null);
        return r.stdout().isEmpty() ? "(empty)" : r.stdout();
    }

    /** Sends the request with curl inside the environment (judge containers have loopback only). */
    static StepCheck send(StepAction.SendHttp action, Trial trial) {
        String method = action.method() == null || action.method().isBlank() ? "GET"
                : action.method().trim().toUpperCase(Locale.ROOT);
        String url = HttpTargets.url(action.target(), trial.lastPort);
        String expected = "a response to " + method + " " + action.target();
        if (url == null) {
            return StepCheck.failed("no service had been started in this scenario, so there was no port to send to",
                    expected, "the request names no port and no service was started before it");
        }
        StringBuilder curl = new StringBuilder("curl -sS --noproxy '*' --max-time ")
                .append(HTTP_TIMEOUT_MS / 1000).append(" -X ").append(Shell.quote(method))
                .append(" -o - -w '\\n%{http_code}'");
        for (Map.Entry<String, String> h : action.headers().entrySet()) {
            curl.append(" -H ").append(Shell.quote(h.getKey() + ": " + h.getValue()));
        }
        if (action.body() != null) {
            curl.append(" --data-binary @").append(Shell.quote(trial.writeTemp(action.body())));
        }
        curl.append(" -- ").append(Shell.quote(url));
        ExecResult r = trial.exec(curl.toString(), HTTP_TIMEOUT_MS + 5_000, null);
        String out = r.stdout();
        int cut = out.lastIndexOf('\n');
        String status = cut < 0 ? out.strip() : out.substring(cut + 1).strip();
        if (r.exitCode() != 0 || !status.matches("[1-9]\\d\\d")) {
            String what = "no HTTP response: " + Texts.tail(r.stderr().strip(), Texts.TAIL);
            trial.note(method + " " + url + ": " + what);
            return StepCheck.failed(what, expected, "the request got no response (curl exit " + r.exitCode() + ")");
        }
        trial.lastHttp = Observation.http(Integer.parseInt(status), cut < 0 ? "" : out.substring(0, cut));
        trial.latest = trial.lastHttp;
        trial.note(method + " " + url + " -> " + trial.lastHttp.describe());
        return StepCheck.PASSED;
    }
}
