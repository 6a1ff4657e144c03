package io.nightshift.agent.session;

import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.agent.AgentTwin;
import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of the parity matrix with the agent's tools in the hardened default Docker sandbox (issue 5, "the
 * agent loop's parity tests also pass with the Docker environment"): same scripts, same assertions, the files
 * checked on the host side of the workspace mount.
 */
@Tag("docker")
class DockerParityMatrixTest extends ParityMatrixTest {

    static DockerEngine engine;

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "gemini"})
    void theRowsAboveRunTheirCommandsInsideTheSandbox(String provider) throws Exception {
        try (AgentTwin t = new AgentTwin(provider, script()
                .tools("shell", Map.of("command", "pwd; cat /etc/hostname; ls /sys/class/net"))
                .text("Checked.").build(), dir, this::environment)) {
            try (Session session = t.session()) {
                session.submit("Where am I?");
            }
            assertThat(t.toolResultsIn(1).getFirst().lines().limit(3).toList())
                    .containsExactly("/workspace", "sandbox", "lo");
        }
    }

    @Override
    ExecutionEnvironment environment(Path workspace) {
        return new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, workspace, "parity");
    }
}
