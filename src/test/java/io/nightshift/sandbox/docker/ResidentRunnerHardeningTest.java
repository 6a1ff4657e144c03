package io.nightshift.sandbox.docker;

import org.junit.jupiter.api.Tag;

/**
 * Every hardening and fault test with commands going through the resident runner: fork bombs, memory hogs, a
 * container killed mid-command and the engine stopping end the same way as with one engine exec per command.
 */
@Tag("docker")
class ResidentRunnerHardeningTest extends DockerSandboxHardeningTest {

    @Override
    DockerExecutionEnvironment configure(DockerExecutionEnvironment started) {
        return started.useResidentRunner();
    }
}
