package io.nightshift.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceLogFileTest {

    @TempDir
    Path tmp;

    private static StageRecord record(String node, int attempt, String commit) {
        return new StageRecord(node, attempt, commit, "success", Instant.parse("2026-11-24T03:00:00Z"));
    }

    @Test
    void everyAppendLeavesAWholeLogThatReadsBackAsWritten() throws IOException {
        Path file = tmp.resolve("run/workspace.json");
        WorkspaceLog expected = new WorkspaceLog("r1", "nightshift/r1", "abc", List.of());
        WorkspaceLogFile log = new WorkspaceLogFile(file, expected);
        for (int i = 1; i <= 3; i++) {
            StageRecord r = record("n" + i, 1, "c" + i);
            log.append(r);
            expected = expected.with(r);
            assertThat(WorkspaceLogs.read(file)).isEqualTo(expected);
        }
        assertThat(Files.readString(file)).contains("\"run_id\" : \"r1\"").hasLineCount(10);
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("workspace.json");
        }
    }

    @Test
    void aResumedRunContinuesTheLogItReadBack() {
        Path file = tmp.resolve("workspace.json");
        WorkspaceLog before = new WorkspaceLog("r1", "nightshift/r1", "abc", List.of())
                .with(record("plan", 1, "c1")).with(record("code", 1, "c2"));
        WorkspaceLogs.write(file, before);

        new WorkspaceLogFile(file, WorkspaceLogs.read(file)).append(record("code", 2, "c3"));

        assertThat(WorkspaceLogs.read(file)).isEqualTo(before.with(record("code", 2, "c3")));
    }
}
