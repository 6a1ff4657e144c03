package io.nightshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.files.RegexWalkSearch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on this machine, plus what only the local environment does (policies over the host env). */
class LocalExecutionEnvironmentTest extends ExecutionEnvironmentContract {

    @Override
    protected ExecutionEnvironment create(Path workspace, Map<String, String> inheritedEnv) {
        return new LocalExecutionEnvironment(workspace, inheritedEnv);
    }

    @Override
    protected String visibleRoot() {
        return workspace.toAbsolutePath().toString();
    }

    @Test
    void inheritAllKeepsOrdinaryVariables() {
        assertThat(env.execCommand("echo $NIGHTSHIFT_PLAIN", 5_000, null, null).stdout()).isEqualTo("visible\n");
    }

    @Test
    void inheritNoneStartsCleanAndCoreOnlyKeepsThePath() {
        Map<String, String> host = Map.of("PATH", "/usr/bin:/bin", "NIGHTSHIFT_PLAIN", "visible");
        try (var none = new LocalExecutionEnvironment(workspace, host, EnvPolicy.INHERIT_NONE);
                var core = new LocalExecutionEnvironment(workspace, host, EnvPolicy.CORE_ONLY)) {
            assertThat(none.execCommand("echo \"[$NIGHTSHIFT_PLAIN]\"; env | grep -c '^PATH=/usr/bin:/bin$'", 5_000,
                    null, null).stdout()).isEqualTo("[]\n0\n");
            assertThat(core.execCommand("echo \"[$NIGHTSHIFT_PLAIN]\"; echo $PATH", 5_000, null, null).stdout())
                    .isEqualTo("[]\n/usr/bin:/bin\n");
        }
    }

    @Test
    void outputBeyondTheCapIsDroppedWithAMarker() {
        try (var small = new LocalExecutionEnvironment(workspace, HOST_ENV, EnvPolicy.INHERIT_ALL,
                new RegexWalkSearch(), 1_000)) {
            ExecResult r = small.execCommand("head -c 5000 /dev/zero | tr '\\0' x", 10_000, null, null);

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).startsWith("x".repeat(1_000))
                    .endsWith("[output truncated: kept the first 1000 bytes, dropped 4000 more]");
        }
    }

    @Test
    void backgroundChildrenStillHoldingTheOutputAreTerminated() {
        ExecResult r = env.execCommand("echo started; sleep 60 & echo $! > pids", 30_000, null, null);

        assertThat(r.stderr()).contains("background processes kept its output open");
        assertNoneAlive("pids");
    }

    @Test
    void aDetachedChildHoldingTheOutputIsAbandonedNotWaitedFor() {
        ExecResult r = env.execCommand("setsid sleep 20 & echo $! > detached.pid; echo done", 60_000, null, null);
        long pid = Long.parseLong(env.readFile("detached.pid", null, null).strip());
        try {
            assertThat(r.stdout()).isEqualTo("done\n");
            assertThat(r.timedOut()).isFalse();
            // waited for, it would have ended before the call returned
            assertThat(ProcessHandle.of(pid)).as("the detached child, still running").hasValueSatisfying(
                    p -> assertThat(p.isAlive()).isTrue());
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aBackgroundJobWithRedirectedOutputKeepsRunning() {
        ExecResult r = env.execCommand("sleep 30 >/dev/null 2>&1 & echo $! > bg.pid", 10_000, null, null);
        long pid = Long.parseLong(env.readFile("bg.pid", null, null).strip());
        try {
            // waited for, it would have ended before the call returned
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void cleanupTerminatesCommandsStillRunning() throws Exception {
        var local = new LocalExecutionEnvironment(workspace, HOST_ENV);
        Thread.ofVirtual().start(() -> local.execCommand("echo $$ > long.pid; sleep 100", 60_000, null, null));
        Path pidFile = workspace.resolve("long.pid");
        for (int i = 0; i < 100 && !(java.nio.file.Files.exists(pidFile) && java.nio.file.Files.size(pidFile) > 0); i++) {
            Thread.sleep(50);
        }
        local.cleanup();

        assertNoneAlive("long.pid");
    }

    @Test
    void reportsThePlatform() {
        assertThat(env.platform()).isEqualTo("linux");
        assertThat(env.osVersion()).startsWith("Linux ");
    }
}
