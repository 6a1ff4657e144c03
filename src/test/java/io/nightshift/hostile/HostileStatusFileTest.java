package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.run.AgentFiles;
import io.nightshift.pipeline.run.StatusFile;
import io.nightshift.pipeline.state.Outcome;
import io.nightshift.pipeline.state.StageStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 5: whatever ran in a stage writes its {@code status.json}; the engine reads it as capped data
 * and never through a link, and a bad file is a clear FAIL of that stage that does not quote the file.
 */
class HostileStatusFileTest {

    private static final String SHADOW = "root:$6$host-secret-hash:19000:0:99999:7:::\n";

    @TempDir
    Path tmp;

    @Test
    void aStatusFileLinkedToAHostFileFailsTheStageWithoutReadingIt() throws Exception {
        Path shadow = Files.writeString(tmp.resolve("shadow"), SHADOW);
        Path stage = Files.createDirectories(tmp.resolve("run/stage"));
        Files.createSymbolicLink(stage.resolve("status.json"), shadow);

        Outcome outcome = StatusFile.read(stage).orElseThrow();

        assertThat(outcome.status()).isEqualTo(StageStatus.FAIL);
        assertThat(outcome.failureReason()).contains("symbolic link").doesNotContain("root").doesNotContain("secret");
    }

    @Test
    void aStatusFileLinkedToAValidJsonHostFileIsStillRefused() throws Exception {
        Path hostJson = Files.writeString(tmp.resolve("host.json"), "{\"outcome\": \"success\", \"notes\": \"host\"}");
        Path stage = Files.createDirectories(tmp.resolve("run/stage"));
        Files.createSymbolicLink(stage.resolve("status.json"), hostJson);

        assertThat(StatusFile.read(stage).orElseThrow().status()).isEqualTo(StageStatus.FAIL);
    }

    @Test
    void aStatusFileThatIsNotJsonFailsWithoutQuotingItsContent() throws Exception {
        Path stage = Files.createDirectories(tmp.resolve("stage"));
        Files.writeString(stage.resolve("status.json"), SHADOW);

        Outcome outcome = StatusFile.read(stage).orElseThrow();

        assertThat(outcome.status()).isEqualTo(StageStatus.FAIL);
        assertThat(outcome.failureReason()).contains("not valid JSON at line 1").doesNotContain("root")
                .doesNotContain("secret");
    }

    @Test
    void aHugeStatusFileIsRefusedUnread() throws Exception {
        Path stage = Files.createDirectories(tmp.resolve("stage"));
        try (var out = Files.newOutputStream(stage.resolve("status.json"))) {
            out.write("{\"outcome\": \"success\", \"notes\": \"".getBytes());
            out.write(new byte[(int) AgentFiles.STATUS_LIMIT]);
            out.write("\"}".getBytes());
        }

        Outcome outcome = StatusFile.read(stage).orElseThrow();

        assertThat(outcome.status()).isEqualTo(StageStatus.FAIL);
        assertThat(outcome.failureReason()).contains("more than the " + AgentFiles.STATUS_LIMIT);
    }

    @Test
    @Timeout(120) // a hang guard: opening a FIFO for reading blocks until a writer comes
    void aStatusFileThatIsAFifoFailsTheStageInsteadOfHangingTheEngine() throws Exception {
        Path stage = Files.createDirectories(tmp.resolve("stage"));
        assertThat(new ProcessBuilder("mkfifo", stage.resolve("status.json").toString()).start().waitFor()).isZero();

        Outcome outcome = StatusFile.read(stage).orElseThrow();

        assertThat(outcome.status()).isEqualTo(StageStatus.FAIL);
        assertThat(outcome.failureReason()).contains("FIFO");
    }

    @Test
    void aStageDirectoryReachedThroughALinkIsNotFollowed() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("secret.txt"), SHADOW);
        Path stage = Files.createDirectories(tmp.resolve("run/stage"));
        Files.createSymbolicLink(stage.resolve("sub"), elsewhere);

        assertThat(AgentFiles.isPlainFile(tmp.resolve("run"), stage.resolve("sub/secret.txt"))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> AgentFiles.read(tmp.resolve("run"), stage.resolve("sub/secret.txt"), 1024))
                .isInstanceOf(AgentFiles.RefusedFileException.class).hasMessageContaining("symbolic link");
    }
}
