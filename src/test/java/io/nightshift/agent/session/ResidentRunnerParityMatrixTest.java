package io.nightshift.agent.session;

import io.nightshift.sandbox.ExecutionEnvironment;
import io.nightshift.sandbox.docker.DockerExecutionEnvironment;
import io.nightshift.sandbox.docker.SandboxPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/** Every row of the parity matrix in the Docker sandbox, with commands going through the resident runner. */
@Tag("docker")
class ResidentRunnerParityMatrixTest extends DockerParityMatrixTest {

    @Override
    ExecutionEnvironment environment(Path workspace) {
        return new DockerExecutionEnvironment(engine, SandboxPolicy.DEFAULTS, workspace, "parity-runner")
                .useResidentRunner();
    }
}
