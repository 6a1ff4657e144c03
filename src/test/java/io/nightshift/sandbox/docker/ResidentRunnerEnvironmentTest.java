package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.ExecutionEnvironmentContract;
import io.nightshift.sandbox.ShellRendezvous;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The environment contract with commands going through resident shells instead of one engine exec each. */
@Tag("docker")
class ResidentRunnerEnvironmentTest extends ExecutionEnvironmentContract {

    static DockerEngine engine;

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @Override
    protected ExecutionEnvironment create(Path workspace, Map<String, String> inheritedEnv) {
        return new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, workspace, "runner-test")
                .useResidentRunner();
    }

    @Override
    protected String visibleRoot() {
        return "/workspace";
    }

    @Test
    void carriesAnyBytesInCommandsVariablesAndOutputAndRunsCommandsConcurrently() {
        ExecResult r = env.execCommand("printf '%s|%s|%s' \"$X\" 'a b\\c \"q\" ünï' \"$HOME\"; printf 'e\\036rr' >&2; exit 7",
                10_000, null, Map.of("X", "1,2 = 3\t'x'"));
        assertThat(r.stdout()).isEqualTo("1,2 = 3\t'x'|a b\\c \"q\" ünï|/home/agent");
        assertThat(r.stderr()).isEqualTo("e\036rr");
        assertThat(r.exitCode()).isEqualTo(7);

        // each command waits for the others' markers: all three started before any ended
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ExecResult>> runs = List.of("1", "2", "3").stream().map(i -> CompletableFuture.supplyAsync(
                    () -> env.execCommand(ShellRendezvous.command("resident", i, 3), 30_000, null, null), threads)).toList();
            assertThat(runs.stream().map(CompletableFuture::join).map(ExecResult::stdout)).containsExactly(
                    ShellRendezvous.allStarted("1", 3) + "\n", ShellRendezvous.allStarted("2", 3) + "\n",
                    ShellRendezvous.allStarted("3", 3) + "\n");
        }
    }
}
