package io.nightshift.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLogsTest {

    @TempDir
    Path tmp;

    @Test
    void writesAndReadsBackTheStageCommitsAtomically() throws IOException {
        Path file = tmp.resolve("run/workspace.json");
        WorkspaceLog log = new WorkspaceLog("r1", "nightshift/r1", "abc", List.of())
                .with(new StageRecord("plan", 1, "c1", "success", Instant.parse("2026-11-24T03:00:00Z")))
                .with(new StageRecord("code", 1, "c2", "fail", Instant.parse("2026-11-24T03:05:00Z")))
                .with(new StageRecord("code", 2, "c3", "success", Instant.parse("2026-11-24T03:09:30.5Z")));
        WorkspaceLogs.write(file, log);
        assertThat(WorkspaceLogs.read(file)).isEqualTo(log);
        assertThat(Files.readString(file)).contains("\"run_id\" : \"r1\"", "\"base_commit\" : \"abc\"",
                "\"time\" : \"2026-11-24T03:09:30.500Z\"");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("workspace.json");
        }
        assertThat(log.latest("code").orElseThrow().commit()).isEqualTo("c3");
        assertThat(log.latest("review")).isEmpty();
    }

    @Test
    void reportsADamagedFileClearly() throws IOException {
        Path file = Files.writeString(tmp.resolve("workspace.json"), "{\"run_id\": \"r\",\n \"stages\": [");
        assertThatThrownBy(() -> WorkspaceLogs.read(file)).isInstanceOf(WorkspaceStorageException.class)
                .hasMessageContaining("workspace.json").hasMessageContaining("damaged");
        assertThatThrownBy(() -> WorkspaceLogs.read(tmp.resolve("missing.json")))
                .isInstanceOf(WorkspaceStorageException.class).hasMessageContaining("No workspace log");
    }
}
