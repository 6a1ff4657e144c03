package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.ExecMode;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13 item 10: every process an agent's command starts ends with it, and a limit met is named truly; with the
 * resident runner ({@code sandbox.exec=runner}, the runs' default) and with one engine exec per command
 * ({@code sandbox.exec=engine}) alike. Each command waits for a condition (a marker the detached process writes,
 * the cgroup's counter), never for time, so the order of events is fixed however loaded the machine is.
 */
@Tag("docker")
class ResourceEdgesTest {

    static final long PIDS = 128;
    /** Starts two processes that outlive their command: one in a session of its own, one left in the group. */
    static final String DETACH = "setsid bash -c 'echo $$ > /tmp/detached; exec sleep 300' >/dev/null 2>&1 "
            + "</dev/null & (nohup sleep 301 >/dev/null 2>&1 &); until [ -s /tmp/detached ]; do sleep 0.05; done; "
            + "echo started";
    static final String COUNT_LEFT = "ps -e -o args= | grep -c '^sleep 30[01]'";

    @TempDir
    Path workspace;
    DockerEngine engine;
    DockerExecutionEnvironment env;

    @BeforeEach
    void connect() {
        engine = DockerEngine.connect();
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.cleanup();
        }
        engine.close();
    }

    /** An agent's sandbox as a run opens it, commands entering as {@code mode} says. */
    private DockerExecutionEnvironment agentSandbox(ExecMode mode) {
        SandboxPolicy policy = SandboxPolicy.DEFAULTS.withLimits(512L * 1024 * 1024, 1.0, PIDS).withExec(mode);
        env = new DockerExecutionEnvironment(engine, policy, workspace, "resource-edges").sweepAfterEachCommand();
        env.initialize();
        return env;
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aForkBombInItsOwnProcessGroupDiesWithItsCommandAndIsReportedAsTheProcessLimit(ExecMode mode) {
        agentSandbox(mode);
        // the bomb leaves the command's group at once; the command holds until the cgroup counted a refused fork
        // (builtins only: nothing can fork by then), so the sweep meets the bomb at the limit
        ExecResult bomb = env.execCommand("f=/sys/fs/cgroup/pids.events; [ -r $f ] || f=/sys/fs/cgroup/pids/pids.events; "
                + "timeout -s KILL 15 bash -c ':(){ :|:& };:'; until read -r k n < $f && [ \"$n\" != 0 ]; do :; done; "
                + "true", 60_000, null, null);

        assertThat(bomb.stderr()).contains("process limit (" + PIDS).doesNotContain("memory limit");
        ExecResult after = env.execCommand("echo alive; ps -e -o pid=,comm= | grep -vc -e ps -e grep -e bash -e "
                + "sleep -e docker-init -e timeout", 10_000, null, null);
        assertThat(after.stdout()).as("the next command runs and no bomb process is left").isEqualTo("alive\n0\n");
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aDetachedProcessDiesWithTheCommandThatStartedItAndTheAgentIsTold(ExecMode mode) {
        agentSandbox(mode);
        ExecResult started = env.execCommand(DETACH, 60_000, null, null);
        assertThat(started.stdout()).isEqualTo("started\n");
        assertThat(started.stderr()).contains("the command left running (in the background or detached)")
                .doesNotContain("nightshift-exec-limits");

        assertThat(env.execCommand(COUNT_LEFT, 10_000, null, null).stdout()).isEqualTo("0\n");
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void theSweepSparesACommandRunningAtTheSameTime(ExecMode mode) throws Exception {
        agentSandbox(mode);
        Path running = workspace.resolve("concurrent-running");
        Path release = workspace.resolve("concurrent-release");
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ExecResult> concurrent = threads.submit(() -> env.execCommand("touch concurrent-running; "
                    + "until [ -e concurrent-release ]; do sleep 0.05; done; echo still-here", 120_000, null, null));
            for (int i = 0; i < 1_200 && !Files.exists(running); i++) {
                Thread.sleep(50);
            }
            assertThat(running).as("the concurrent command started").exists();

            ExecResult started = env.execCommand(DETACH, 60_000, null, null);
            assertThat(started.stderr()).contains("the command left running");
            assertThat(env.execCommand(COUNT_LEFT, 10_000, null, null).stdout()).isEqualTo("0\n");

            Files.createFile(release);
            assertThat(concurrent.get(120, TimeUnit.SECONDS).stdout()).as("the command running meanwhile lives on")
                    .isEqualTo("still-here\n");
        }
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aKilledCommandIsNotBlamedOnTheMemoryLimit(ExecMode mode) {
        agentSandbox(mode);
        ExecResult killed = env.execCommand("kill -KILL $$", 10_000, null, null);
        assertThat(killed.exitCode()).isEqualTo(137);
        assertThat(killed.stderr()).contains("SIGKILL, not by a sandbox limit").doesNotContain("memory limit");
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aFullFileSystemIsNamedWithItsBoundAndSetting(ExecMode mode) {
        SandboxPolicy policy = io.nightshift.sandbox.docker.SandboxPolicyParser.parse(java.util.Map.of(
                "sandbox.home-size", "4m", "sandbox.exec", mode.name().toLowerCase(java.util.Locale.ROOT)));
        env = new DockerExecutionEnvironment(engine, policy, workspace, "resource-edges-disk").sweepAfterEachCommand();
        env.initialize();

        ExecResult full = env.execCommand("head -c 8388608 /dev/zero > \"$HOME/fill\"", 60_000, null, null);

        assertThat(full.exitCode()).isNotZero();
        assertThat(full.stderr()).contains("No space left on device", "a file system the command wrote to is full",
                "/home/agent 4 MiB (sandbox.home-size)", "(sandbox.tmp-size)");
    }

    /** A command that kills its own engine-exec runner cannot escape the sweep: a sweep of its own follows. */
    @Test
    void aCommandThatKillsItsRunnerIsSweptAllTheSame() {
        agentSandbox(ExecMode.ENGINE);
        // the runner is the parent of timeout, the command shell's parent
        ExecResult r = env.execCommand(DETACH + "; kill -KILL $(ps -o ppid= -p $PPID)", 60_000, null, null);
        assertThat(r.stderr()).contains("limit counters could not be read")
                .contains("the command left running (in the background or detached)");
        assertThat(env.execCommand(COUNT_LEFT, 10_000, null, null).stdout()).isEqualTo("0\n");
    }

    /** A run opts its sandboxes in: a tool stage's detached process dies with it under {@code sandbox.exec=engine}. */
    @Test
    void aRunWithEngineExecsSweepsWhatItsToolStageLeftRunning() throws Exception {
        Path source = HostileRepos.repo(workspace.resolve("source"), "README.md", "hello\n");
        Path logs = workspace.resolve("run");
        Path pipeline = Files.writeString(workspace.resolve("detach.dot"), """
                digraph detach {
                    graph [sandbox.exec="engine"]
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    detach [shape=parallelogram, tool_command="%s"]
                    count  [shape=parallelogram, tool_command="%s"]
                    start -> detach -> count -> exit
                }
                """.formatted(DETACH.replace("\"", "\\\""), COUNT_LEFT + "; true"));

        var result = HostileRepos.runPipeline(pipeline, source, logs, "docker", new java.util.ArrayList<>());

        assertThat(result.status()).isEqualTo(io.nightshift.pipeline.engine.RunStatus.SUCCESS);
        assertThat(Files.readString(logs.resolve("detach").resolve("tool_output.txt")))
                .contains("started", "the command left running (in the background or detached)");
        assertThat(Files.readString(logs.resolve("count").resolve("tool_output.txt"))).startsWith("0\n");
    }

    /** Judge containers and other library users do not opt in: what they start in the background is theirs. */
    @Test
    void withoutTheOptInEngineExecsSweepNothing() {
        SandboxPolicy policy = SandboxPolicy.DEFAULTS.withLimits(512L * 1024 * 1024, 1.0, PIDS);
        env = new DockerExecutionEnvironment(engine, policy, workspace, "resource-edges-plain");
        env.initialize();
        ExecResult started = env.execCommand(DETACH, 60_000, null, null);
        assertThat(started.stderr()).doesNotContain("left running").doesNotContain("nightshift-exec-limits");
        assertThat(env.execCommand("ps -e -o args= | grep -c '^sleep 300'", 10_000, null, null).stdout())
                .isEqualTo("1\n");
    }
}
