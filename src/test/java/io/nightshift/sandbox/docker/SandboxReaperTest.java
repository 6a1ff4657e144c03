package io.nightshift.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("docker")
class SandboxReaperTest {

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

    private SandboxContainer launchOwnedBy(String owner, String run) {
        Map<String, String> labels = Map.of(SandboxLabels.MANAGED, "true", SandboxLabels.RUN, run,
                SandboxLabels.OWNER, owner);
        return new SandboxLauncher(engine).launch(new SandboxDefinition(SandboxPolicy.DEFAULTS, workspace,
                SandboxDefinition.containerName(run), labels, WorkspaceOwner.decide(SandboxPolicy.DEFAULTS, workspace)));
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void removesSandboxesOfADeadOwnerAndKeepsLiveAndForeignOnes() throws Exception {
        // The dead owner lives on a host name only this test's reaper takes for its own: the reapers of other
        // Nightshift processes on this engine see a foreign host and leave its sandbox to this one.
        String host = "reaper-test-" + UUID.randomUUID();
        SandboxReaper reaper = new SandboxReaper(engine, host);
        try (SandboxContainer dead = launchOwnedBy(deadPid() + "@" + host, "reaper-dead");
                SandboxContainer live = launchOwnedBy(ProcessHandle.current().pid() + "@" + host, "reaper-live");
                SandboxContainer foreign = launchOwnedBy("1@some-other-host", "reaper-foreign")) {

            List<String> removed = reaper.reapDeadOwners();

            assertThat(removed).contains(dead.name()).doesNotContain(live.name(), foreign.name());
            assertThat(reaper.list()).extracting(SandboxInfo::name)
                    .contains(live.name(), foreign.name()).doesNotContain(dead.name());
        }
    }

    @Test
    void leavesTheSandboxesOfAnotherLiveProcessAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "600").start();
        try (SandboxContainer theirs = launchOwnedBy(other.pid() + "@" + OwnerId.current().host(), "reaper-other")) {

            List<String> removed = new SandboxReaper(engine).reapDeadOwners();

            assertThat(removed).doesNotContain(theirs.name());
            assertThat(new SandboxReaper(engine).list()).filteredOn(i -> i.name().equals(theirs.name()))
                    .singleElement().satisfies(i -> assertThat(i.ownerDead()).isFalse());
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void listsManagedSandboxesWithRunAndOwner() {
        try (SandboxContainer live = launchOwnedBy(OwnerId.current().toString(), "reaper-list")) {
            assertThat(new SandboxReaper(engine).list()).filteredOn(i -> i.name().equals(live.name()))
                    .singleElement().satisfies(i -> {
                        assertThat(i.runId()).isEqualTo("reaper-list");
                        assertThat(i.owner()).isEqualTo(OwnerId.current().toString());
                        assertThat(i.ownerDead()).isFalse();
                        assertThat(i.state()).isEqualTo("running");
                    });
        }
    }
}
