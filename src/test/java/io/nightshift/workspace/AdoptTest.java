package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdoptTest {

    @TempDir
    Path tmp;

    @Test
    void refusesADirtyRepositoryListingTheDirtyPaths() throws IOException {
        Path repo = GitCli.sourceRepo(tmp);
        write(repo, "README.md", "changed\n");
        write(repo, "new.txt", "untracked\n");
        write(repo, ".env", "SECRET=1\n");
        assertThatThrownBy(() -> Workspaces.adopt(AdoptRequest.of(repo, "r")))
                .isInstanceOfSatisfying(DirtyWorkingTreeException.class,
                        e -> assertThat(e.dirtyPaths()).containsExactly("README.md", "new.txt"))
                .hasMessageContaining("README.md").hasMessageContaining("new.txt")
                .hasMessageContaining("uncommitted changes");
        assertThat(git(repo, "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/main");
    }

    @Test
    void switchesACleanRepositoryToTheRunBranch() throws IOException {
        Path repo = GitCli.sourceRepo(tmp);
        String head = git(repo, "rev-parse", "HEAD").strip();
        try (Workspace ws = Workspaces.adopt(AdoptRequest.of(repo, "r"))) {
            assertThat(ws.baseCommit()).isEqualTo(head);
            assertThat(git(repo, "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/nightshift/r");
        }
    }

    @Test
    void allowDirtyKeepsTheChangesForTheFirstStageCommit() throws IOException {
        Path repo = GitCli.sourceRepo(tmp);
        write(repo, "README.md", "changed\n");
        try (Workspace ws = Workspaces.adopt(AdoptRequest.of(repo, "r").withAllowDirty(true))) {
            assertThat(ws.warnings()).anySatisfy(w -> assertThat(w).contains("README.md"));
            assertThat(Files.readString(repo.resolve("README.md"))).isEqualTo("changed\n");
            StageCommit commit = ws.commit().stage("plan", "Plan", 1).call();
            assertThat(commit).isInstanceOfSatisfying(StageCommit.Committed.class,
                    c -> assertThat(c.changedPaths()).containsExactly("README.md"));
        }
    }

    @Test
    void turnsAPlainDirectoryIntoARepositoryWithAnInitialCommitByNightshift() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        write(dir, "notes.txt", "mine\n");
        write(dir, "key.pem", "-----BEGIN-----\n");
        try (Workspace ws = Workspaces.adopt(AdoptRequest.of(dir, "r"))) {
            assertThat(git(dir, "log", "--format=%an <%ae>|%cn <%ce>|%s", "-1").strip())
                    .isEqualTo("Nightshift <nightshift@localhost>|Nightshift <nightshift@localhost>|"
                            + "Nightshift: initial import of plain");
            assertThat(git(dir, "ls-files").strip()).isEqualTo("notes.txt");
            assertThat(ws.warnings()).anySatisfy(w -> assertThat(w).contains("key.pem"));
            assertThat(ws.branch()).isEqualTo("nightshift/r");
            assertThat(ws.baseCommit()).isEqualTo(git(dir, "rev-parse", "HEAD").strip());
        }
    }

    @Test
    void turnsAnEmptyDirectoryIntoARepository() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        try (Workspace ws = Workspaces.adopt(AdoptRequest.of(dir, "r"))) {
            write(dir, "a.txt", "a\n");
            assertThat(ws.commit().stage("build", "Build", 1).call()).isInstanceOf(StageCommit.Committed.class);
            assertThat(git(dir, "log", "--format=%s").lines().toList())
                    .containsExactly("build: Build", "Nightshift: initial import of empty");
        }
    }

    @Test
    void refusesAMissingDirectory() {
        assertThatThrownBy(() -> Workspaces.adopt(AdoptRequest.of(tmp.resolve("missing"), "r")))
                .isInstanceOf(SourceNotFoundException.class).hasMessageContaining("does not exist");
    }
}
