package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("docker")
class ServiceContainersTest {

    private static final String NAME = "nightshift-service-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static DockerEngine engine;

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void cleanUp() {
        new ServiceContainers(engine).remove(NAME, NAME);
        engine.close();
    }

    private static ServiceDefinition definition(String image) {
        return new ServiceDefinition(NAME, image, NAME, "/data", Map.of("io.nightshift.role", "test"), "1000:1000",
                64L * 1024 * 1024, 32, "some/build.sh");
    }

    @Test
    void execDeliversOneStdinLineAndReturnsOutputAndExitCodeWithoutWaitingForEndOfFile() {
        ServiceContainer c = new ServiceContainers(engine).ensure(definition(SandboxPolicy.DEFAULT_IMAGE));

        ServiceExecResult r = c.exec(List.of("bash", "-c", "read -r line; echo \"got:$line\"; echo oops >&2; exit 3"),
                "{\"op\":\"ping\"}", Duration.ofSeconds(10));

        assertThat(r.stdout()).isEqualTo("got:{\"op\":\"ping\"}\n");
        assertThat(r.stderr()).isEqualTo("oops\n");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void ensureReusesTheRunningContainer() {
        ServiceContainers containers = new ServiceContainers(engine);

        String first = containers.ensure(definition(SandboxPolicy.DEFAULT_IMAGE)).id();

        assertThat(containers.ensure(definition(SandboxPolicy.DEFAULT_IMAGE)).id()).isEqualTo(first);
    }

    @Test
    void aContainerOfAnOutdatedImageIsReplacedAndKeepsItsVolume() {
        ServiceContainers containers = new ServiceContainers(engine);
        String name = NAME + "-image";
        // /home/agent belongs to uid 1000 in the dev image, so the fresh volume does too
        ServiceDefinition dev = new ServiceDefinition(name, SandboxPolicy.DEFAULT_IMAGE, name, "/home/agent",
                Map.of(), "1000:1000", 64L * 1024 * 1024, 32, "b");
        try {
            ServiceContainer old = containers.ensure(dev);
            assertThat(old.exec(List.of("bash", "-c", "read -r line; echo \"$line\" > /home/agent/kept"), "state",
                    Duration.ofSeconds(10)).exitCode()).isZero();

            ServiceContainer rebuilt = containers.ensure(new ServiceDefinition(name, "nightshift/sandbox-base:current",
                    name, "/home/agent", Map.of(), "1000:1000", 64L * 1024 * 1024, 32, "b"));

            assertThat(rebuilt.id()).isNotEqualTo(old.id());
            assertThat(rebuilt.exec(List.of("bash", "-c", "read -r _; cat /home/agent/kept"), "",
                    Duration.ofSeconds(10)).stdout()).isEqualTo("state\n");
        } finally {
            containers.remove(name, name);
        }
    }

    @Test
    void aMissingImageNamesItsBuildCommand() {
        assertThatThrownBy(() -> new ServiceContainers(engine).ensure(definition("nightshift/no-such-image:x")))
                .isInstanceOf(SandboxImageMissingException.class)
                .hasMessageContaining("nightshift/no-such-image:x").hasMessageContaining("some/build.sh");
    }

    @Test
    void refusesRootAndSandboxLabels() {
        assertThatThrownBy(() -> new ServiceDefinition("x", "i", "v", "/d", Map.of(), "0:0", 1, 1, "b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceDefinition("x", "i", "v", "/d", Map.of(SandboxLabels.MANAGED, "true"),
                "1:1", 1, 1, "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
