package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 7: a model thinks for seconds to minutes between tool calls, each call on a thread of its own.
 * The resident runner must take a command after any pause, whichever thread sent the previous one.
 */
@Tag("docker")
class RunnerPauseTest {

    @TempDir
    Path workspace;
    DockerEngine engine;
    DockerExecutionEnvironment env;

    @BeforeEach
    void start() {
        engine = DockerEngine.connect();
        env = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, workspace, "runner-pause")
                .useResidentRunner();
        env.initialize();
    }

    @AfterEach
    void stop() {
        env.cleanup();
        engine.close();
    }

    @Test
    void commandsSucceedAfterAFiveSecondPauseBetweenToolCallsWithNothingOnStderr() {
        String stderr = captureStderr(() -> {
            assertThat(onFreshThread("echo first").stdout()).isEqualTo("first\n");
            pause(5_000);
            assertThat(onFreshThread("echo second").stdout()).isEqualTo("second\n");
            pause(1_000);
        });
        assertThat(stderr).as("the transport's threads printed nothing").isEmpty();
    }

    @Test
    void commandsSucceedAfterAThirtyFiveSecondPause() {
        assertThat(onFreshThread("echo first").stdout()).isEqualTo("first\n");
        pause(35_000);
        assertThat(onFreshThread("echo second").stdout()).isEqualTo("second\n");
        assertThat(onFreshThread("echo third").stdout()).isEqualTo("third\n");
    }

    @Test
    void aCommandThatKillsItsRunnerIsAnsweredTruthfullyAndTheNextOneRuns() {
        // the runner first: once it has the signal it cannot report the command's own death (which, killed first
        // under load, it sometimes did, truthfully, as "killed by SIGKILL")
        ExecResult killed = onFreshThread("kill -9 $(pgrep -f nightshift-runner) $PPID");
        assertThat(killed.succeeded()).isFalse();
        assertThat(killed.stderr()).contains("command runner").doesNotContain("memory limit");
        pause(4_000);
        assertThat(onFreshThread("echo after").stdout()).isEqualTo("after\n");
    }

    /** Each tool call on its own short-lived thread, as the agent loop does; the thread is gone afterwards. */
    private ExecResult onFreshThread(String command) {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            return threads.submit(() -> env.execCommand(command, 10_000, null, null)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static String captureStderr(Runnable action) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            action.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString();
    }
}
