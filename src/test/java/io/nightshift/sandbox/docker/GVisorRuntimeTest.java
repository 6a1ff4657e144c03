package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.sandbox.ExecResult;
import io.nightshift.sandbox.SandboxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sandbox.runtime=runsc}: where the engine has gVisor registered, the sandbox runs under it with the same
 * hardening; where it has not, starting one fails with how to install and register it (both are real engines:
 * this machine has it, a fresh CI runner does not).
 */
@Tag("docker")
class GVisorRuntimeTest {

    static DockerEngine engine;

    @TempDir
    Path workspace;

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    static boolean engineHasRunsc() {
        try {
            engine.requireRuntime(SandboxRuntime.RUNSC);
            return true;
        } catch (SandboxException e) {
            return false;
        }
    }

    @Test
    void runsUnderGVisorWhenTheEngineHasItElseSaysHowToGetIt() {
        SandboxPolicy policy = SandboxPolicyParser.parse(Map.of("sandbox.runtime", "runsc"));
        DockerExecutionEnvironment env = new DockerExecutionEnvironment(engine, policy, workspace, "gvisor-test");
        try (env) {
            if (!engineHasRunsc()) {
                assertThatThrownBy(env::initialize).isInstanceOf(SandboxException.class)
                        .hasMessageContaining("sandbox.runtime=runsc").hasMessageContaining("apt-get install runsc")
                        .hasMessageContaining("/etc/docker/daemon.json").hasMessageContaining("kill -HUP");
                return;
            }
            env.initialize();
            ExecResult r = env.execCommand("dmesg | head -1; id -u; echo hi > /workspace/out.txt && cat out.txt;"
                    + " awk '$2 == \"/\" {print \"root \" substr($4, 1, 2)}' /proc/mounts", 30_000, null, null);
            assertThat(r.stdout()).contains("Starting gVisor", "hi\n", "root ro\n").doesNotContain("\n0\n");
            assertThat(workspace.resolve("out.txt")).hasContent("hi");
            assertThat(engine.client().inspectContainerCmd(env.sandbox().id()).exec().getHostConfig().getRuntime())
                    .isEqualTo("runsc");
        }
    }
}
