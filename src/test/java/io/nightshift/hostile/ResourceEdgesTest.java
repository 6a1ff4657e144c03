package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 10: every process an agent's command starts ends with it, and a limit met is named truly. */
@Tag("docker")
class ResourceEdgesTest {

    static final long PIDS = 128;

    @TempDir
    Path workspace;
    DockerEngine engine;
    DockerExecutionEnvironment env;

    @BeforeEach
    void start() {
        engine = DockerEngine.connect();
        SandboxPolicy policy = SandboxPolicy.DEFAULTS.withLimits(512L * 1024 * 1024, 1.0, PIDS);
        env = new DockerExecutionEnvironment(engine, policy, workspace, "resource-edges").useResidentRunner();
        env.initialize();
    }

    @AfterEach
    void stop() {
        env.cleanup();
        engine.close();
    }

    @Test
    void aForkBombInItsOwnProcessGroupDiesWithItsCommandAndIsReportedAsTheProcessLimit() {
        // the bomb forks in the background; the command stays 2 s more so the bomb meets the limit before the sweep
        // (returning at once, the sweep sometimes won the race at a dozen processes); a sleep that cannot fork
        // means the limit was already reached
        ExecResult bomb = env.execCommand("timeout -s KILL 15 bash -c ':(){ :|:& };:'; sleep 2; true", 4_000, null,
                null);

        assertThat(bomb.stderr()).contains("process limit (" + PIDS).doesNotContain("memory limit");
        ExecResult after = env.execCommand("echo alive; ps -e -o pid=,comm= | grep -vc -e ps -e grep -e bash -e "
                + "sleep -e docker-init -e timeout", 10_000, null, null);
        assertThat(after.stdout()).as("the next command runs and no bomb process is left").isEqualTo("alive\n0\n");
    }

    @Test
    void aDetachedProcessDiesWithTheCommandThatStartedItAndTheAgentIsTold() {
        ExecResult started = env.execCommand("setsid sleep 300 >/dev/null 2>&1 < /dev/null & disown; "
                + "(nohup sleep 301 >/dev/null 2>&1 &); echo started", 10_000, null, null);
        assertThat(started.stdout()).isEqualTo("started\n");
        assertThat(started.stderr()).contains("the command left running (in the background or detached)");

        ExecResult left = env.execCommand("ps -e -o args= | grep -c '^sleep 30[01]'", 10_000, null, null);
        assertThat(left.stdout()).isEqualTo("0\n");
    }

    @Test
    void aKilledCommandIsNotBlamedOnTheMemoryLimit() {
        ExecResult killed = env.execCommand("kill -KILL $$", 10_000, null, null);
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(killed.stderr()).contains("SIGKILL, not by a sandbox limit").doesNotContain("memory limit");
    }
}
