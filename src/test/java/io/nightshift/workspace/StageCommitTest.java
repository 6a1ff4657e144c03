package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageCommitTest {

    @TempDir
    Path tmp;

    Path source;

    @BeforeEach
    void source() throws IOException {
        source = GitCli.sourceRepo(tmp);
    }

    private Workspace intake(WorkspaceSettings settings) {
        return Workspaces.intake(IntakeRequest.of(source.toString(), "run-7", tmp.resolve("ws")).withSettings(settings));
    }

    @Test
    void commitsAStageWithSubjectBodyAndTrailers() throws IOException {
        try (Workspace ws = intake(WorkspaceSettings.defaults())) {
            write(ws.directory(), "src/new.txt", "new\n");
            StageCommit result = ws.commit().stage("implement", "Implement the feature", 2).outcome("success")
                    .notes("All tests pass.").call();
            assertThat(result).isInstanceOf(StageCommit.Committed.class);
            String message = git(ws.directory(), "log", "-1", "--format=%B");
            assertThat(message).isEqualTo("implement: Implement the feature\n\nOutcome: success\n\nAll tests pass.\n\n"
                    + "Nightshift-Run: run-7\nNightshift-Node: implement\nNightshift-Attempt: 2\n\n");
            assertThat(git(ws.directory(), "log", "-1", "--format=%(trailers:key=Nightshift-Attempt,valueonly)").strip())
                    .isEqualTo("2");
            assertThat(git(ws.directory(), "log", "-1", "--format=%an <%ae>").strip())
                    .isEqualTo("Nightshift <nightshift@localhost>");
            assertThat(result.head()).isEqualTo(git(ws.directory(), "rev-parse", "nightshift/run-7").strip());
            assertThat(git(ws.directory(), "status", "--porcelain")).isEmpty();
        }
    }

    @Test
    void commitsAdditionsModificationsAndDeletionsAsOneCommit() throws IOException {
        try (Workspace ws = intake(WorkspaceSettings.defaults())) {
            write(ws.directory(), "added.txt", "a\n");
            write(ws.directory(), "README.md", "changed\n");
            Files.delete(ws.directory().resolve("src/app.txt"));
            StageCommit.Committed c = (StageCommit.Committed) ws.commit().stage("n", "N", 1).call();
            assertThat(c.changedPaths()).containsExactly("README.md", "added.txt", "src/app.txt");
            assertThat(c.parentId()).isEqualTo(ws.baseCommit());
            assertThat(git(ws.directory(), "rev-list", "--count", ws.baseCommit() + "..HEAD").strip()).isEqualTo("1");
            assertThat(git(ws.directory(), "ls-files").lines().toList()).containsExactly("README.md", "added.txt");
        }
    }

    @Test
    void reportsNothingToCommitWhenTheStageChangedNothing() throws IOException {
        try (Workspace ws = intake(WorkspaceSettings.defaults())) {
            write(ws.directory(), "build/out.o", "binary\n");
            write(ws.directory(), ".gitignore", "build/\n");
            ws.commit().stage("ignore", "Ignore build", 1).call();
            String head = ws.head();
            write(ws.directory(), "build/more.o", "more\n");
            StageCommit result = ws.commit().stage("review", "Review", 1).outcome("success").call();
            assertThat(result).isEqualTo(new StageCommit.Unchanged(head, List.of(), List.of()));
            assertThat(git(ws.directory(), "rev-parse", "HEAD").strip()).isEqualTo(head);
        }
    }

    @Test
    void neverCommitsDenyListedFilesAndReportsThem() throws IOException {
        try (Workspace ws = intake(WorkspaceSettings.defaults())) {
            write(ws.directory(), ".env", "TOKEN=x\n");
            write(ws.directory(), "certs/server.pem", "pem\n");
            write(ws.directory(), "id_ed25519", "key\n");
            write(ws.directory(), "ok.txt", "fine\n");
            StageCommit.Committed c = (StageCommit.Committed) ws.commit().stage("n", "N", 1).call();
            assertThat(c.changedPaths()).containsExactly("ok.txt");
            assertThat(c.deniedPaths()).containsExactlyInAnyOrder(".env", "certs/server.pem", "id_ed25519");
            assertThat(git(ws.directory(), "ls-files")).doesNotContain(".env", "server.pem", "id_ed25519");
            assertThat(ws.directory().resolve(".env")).exists();
            StageCommit again = ws.commit().stage("n", "N", 2).call();
            assertThat(again).isInstanceOf(StageCommit.Unchanged.class);
            assertThat(again.deniedPaths()).contains(".env");
        }
    }

    @Test
    void usesAConfiguredDenyListAndIdentity() throws IOException {
        WorkspaceSettings settings = WorkspaceSettings.defaults().withDenyPatterns(List.of("secrets/**"))
                .withIdentity(new Identity("Bot", "bot@example.org"));
        try (Workspace ws = intake(settings)) {
            write(ws.directory(), "secrets/a.txt", "a\n");
            write(ws.directory(), ".env", "now allowed\n");
            StageCommit.Committed c = (StageCommit.Committed) ws.commit().stage("n", "N", 1).call();
            assertThat(c.changedPaths()).containsExactly(".env");
            assertThat(c.deniedPaths()).containsExactly("secrets/a.txt");
            assertThat(git(ws.directory(), "log", "-1", "--format=%an <%ae>|%cn").strip())
                    .isEqualTo("Bot <bot@example.org>|Bot");
        }
    }

    @Test
    void flagsChangesToProtectedPathsAndRestoresThem() throws IOException {
        write(source, "tests/acceptance/spec.txt", "original\n");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "acceptance");
        WorkspaceSettings settings = WorkspaceSettings.defaults().withProtectedPatterns(List.of("tests/acceptance/**"));
        try (Workspace ws = intake(settings)) {
            String base = ws.head();
            write(ws.directory(), "tests/acceptance/spec.txt", "weakened\n");
            write(ws.directory(), "tests/acceptance/extra.txt", "new\n");
            write(ws.directory(), "src/app.txt", "fine\n");
            assertThat(ws.protectedViolations(base))
                    .containsExactlyInAnyOrder("tests/acceptance/spec.txt", "tests/acceptance/extra.txt");
            StageCommit.Committed c = (StageCommit.Committed) ws.commit().stage("n", "N", 1).call();
            assertThat(c.protectedViolations()).containsExactly("tests/acceptance/extra.txt", "tests/acceptance/spec.txt");
            assertThat(ws.restoreProtected(base))
                    .containsExactlyInAnyOrder("tests/acceptance/spec.txt", "tests/acceptance/extra.txt");
            assertThat(Files.readString(ws.directory().resolve("tests/acceptance/spec.txt"))).isEqualTo("original\n");
            assertThat(ws.directory().resolve("tests/acceptance/extra.txt")).doesNotExist();
            assertThat(Files.readString(ws.directory().resolve("src/app.txt"))).isEqualTo("fine\n");
            assertThat(ws.protectedViolations(base)).isEmpty();
        }
    }

    @Test
    void restoreAllPutsTheWholeTreeBackToTheBase() throws IOException {
        try (Workspace ws = intake(WorkspaceSettings.defaults())) {
            String base = ws.head();
            write(ws.directory(), "src/app.txt", "broken\n");
            write(ws.directory(), "junk.txt", "junk\n");
            assertThat(ws.restoreAll(base)).containsExactlyInAnyOrder("src/app.txt", "junk.txt");
            assertThat(ws.commit().stage("n", "N", 1).call()).isInstanceOf(StageCommit.Unchanged.class);
        }
    }

    @Test
    void commitsA200MegabyteFileWithAWarning() throws IOException {
        try (Workspace ws = intake(WorkspaceSettings.defaults())) {
            Path big = ws.directory().resolve("assets/big.bin");
            Files.createDirectories(big.getParent());
            try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
                file.setLength(200L * 1024 * 1024);
            }
            StageCommit.Committed c = (StageCommit.Committed) ws.commit().stage("n", "N", 1).call();
            assertThat(c.largeFiles()).containsExactly("assets/big.bin");
            assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("assets/big.bin").contains("200 MB"));
            assertThat(git(ws.directory(), "cat-file", "-s", "HEAD:assets/big.bin").strip())
                    .isEqualTo(String.valueOf(200L * 1024 * 1024));
            assertThat(git(ws.directory(), "status", "--porcelain")).isEmpty();
        }
    }
}
