package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.OwnerId;
import io.nightshift.sandbox.docker.SandboxContainer;
import io.nightshift.sandbox.docker.SandboxDefinition;
import io.nightshift.sandbox.docker.SandboxLabels;
import io.nightshift.sandbox.docker.SandboxLauncher;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.sandbox.docker.WorkspaceOwner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command itself over picocli (no Quarkus needed: it builds its own engine connection). */
@Tag("docker")
class SandboxCommandTest {

    @TempDir
    Path workspace;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NightshiftCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void lsShowsARunningSandboxWithItsRunAndOwner() {
        try (DockerEngine engine = DockerEngine.connect();
                DockerExecutionEnvironment env = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS,
                        workspace, "cli-ls-run")) {
            env.initialize();

            String[] result = run("sandbox", "ls");

            assertThat(result[0]).isEqualTo("0");
            assertThat(result[1]).contains("NAME", env.sandbox().name(), "cli-ls-run", "running")
                    .contains(Long.toString(ProcessHandle.current().pid()) + "@");
        }
    }

    @Test
    void pruneRemovesSandboxesOfDeadOwnersAndKeepsLiveOnes() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String deadOwner = gone.pid() + "@" + OwnerId.current().host();
        try (DockerEngine engine = DockerEngine.connect();
                DockerExecutionEnvironment live = new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS,
                        workspace, "cli-prune-live");
                SandboxContainer dead = new SandboxLauncher(engine).launch(new SandboxDefinition(
                        SandboxPolicy.DEFAULTS, workspace, SandboxDefinition.containerName("cli-prune-dead"),
                        Map.of(SandboxLabels.MANAGED, "true", SandboxLabels.RUN, "cli-prune-dead",
                                SandboxLabels.OWNER, deadOwner),
                        WorkspaceOwner.decide(SandboxPolicy.DEFAULTS, workspace)))) {
            live.initialize();

            String[] pruned = run("sandbox", "prune");

            // Another Nightshift process on this engine may reap the dead owner's sandbox first (its reaper sees the
            // same dead pid; SandboxReaperTest covers who removes what): what counts is that it is gone afterwards.
            assertThat(pruned[0]).isEqualTo("0");
            assertThat(pruned[1]).doesNotContain(live.sandbox().name()).containsPattern("\\d+ sandbox(es)? removed");
            assertThat(run("sandbox", "ls")[1]).contains(live.sandbox().name()).doesNotContain(dead.name());
        }
    }

    @Test
    void anUnreachableEngineIsExitCodeTwoWithTheReason() {
        String[] result = run("sandbox", "--docker-host", "unix:///nonexistent/docker.sock", "ls");

        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).startsWith("nightshift sandbox: cannot reach the Docker engine at "
                + "unix:///nonexistent/docker.sock").contains("--sandbox local");
    }
}
