package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.ExecutionEnvironmentContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The environment contract against the real engine, in the hardened default sandbox. */
@Tag("docker")
class DockerExecutionEnvironmentTest extends ExecutionEnvironmentContract {

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
        return new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, workspace, "contract-test");
    }

    @Test
    void reportsTheSandboxPlatformAndItsDistribution() {
        assertThat(env.platform()).isEqualTo("linux");
        assertThat(env.osVersion()).startsWith("Debian GNU/Linux 12");
    }

    @Override
    protected String visibleRoot() {
        return "/workspace";
    }
}
