package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("docker")
class SandboxPoolTest {

    static DockerEngine engine;

    @TempDir
    Path slots;

    @BeforeAll
    static void connect() {
        engine = DockerEngine.connect();
    }

    @AfterAll
    static void disconnect() {
        engine.close();
    }

    private long managedContainersOf(String runLabelValue) {
        return new SandboxReaper(engine).list().stream().filter(i -> i.runId().equals(runLabelValue))
                .filter(i -> i.owner().equals(OwnerId.current().toString())).count();
    }

    @Test
    void acquiresAWarmSandboxWhoseWorkspaceIsItsOwnSlotAndRefills() throws Exception {
        try (SandboxPool pool = new SandboxPool(engine, SandboxPolicy.DEFAULTS, slots, 2)) {
            pool.start();
            assertThat(pool.awaitWarm(Duration.ofSeconds(60))).as("warm, last error %s", pool.lastError()).isTrue();

            java.util.Set<String> warm = new java.util.HashSet<>();
            new SandboxReaper(engine).list().stream().filter(i -> i.runId().equals(SandboxLabels.POOL_RUN))
                    .filter(i -> i.owner().equals(OwnerId.current().toString())).forEach(i -> warm.add(i.id()));
            try (DockerExecutionEnvironment env = pool.acquire("pool-test-run")) {
                Path hostWorkspace = env.sandbox().definition().hostWorkspace();
                Files.writeString(hostWorkspace.resolve("cloned.txt"), "the run's files\n");

                assertThat(warm).as("handed over a container started before the call").contains(env.sandbox().id());
                assertThat(hostWorkspace.getParent()).isEqualTo(slots.toAbsolutePath());
                assertThat(env.sandbox().name()).startsWith("nightshift-pool-test-run-");
                assertThat(env.execCommand("cat cloned.txt; ls /workspace | wc -l", 10_000, null, null).stdout())
                        .isEqualTo("the run's files\n1\n");
                assertThat(pool.awaitWarm(Duration.ofSeconds(60))).isTrue();
                assertThat(pool.idle()).isEqualTo(2);
            }
        }
        assertThat(managedContainersOf(SandboxLabels.POOL_RUN)).isZero();
    }

    @Test
    void anEmptyPoolStartsASandboxOnDemand() {
        try (SandboxPool pool = new SandboxPool(engine, SandboxPolicy.DEFAULTS, slots, 0);
                DockerExecutionEnvironment env = pool.acquire("cold-run")) {
            assertThat(env.execCommand("echo cold", 10_000, null, null).stdout()).isEqualTo("cold\n");
        }
    }
}
