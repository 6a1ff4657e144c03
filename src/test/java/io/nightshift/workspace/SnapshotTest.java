package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot of the working tree for holdout judging: a commit no ref points to, the workspace left as it was. */
class SnapshotTest {

    @TempDir
    Path tmp;

    Path source;

    @BeforeEach
    void source() throws IOException {
        source = GitCli.sourceRepo(tmp);
    }

    @Test
    void snapshotsUncommittedWorkWithoutMovingTheBranchOrTouchingTheIndex() throws IOException {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "run-8", tmp.resolve("ws")))) {
            write(ws.directory(), "greet.txt", "helo\n");
            write(ws.directory(), "README.md", "changed\n");
            String statusBefore = git(ws.directory(), "status", "--porcelain");
            String head = ws.head();

            String snapshot = ws.snapshot("harness: implement round 1 against suite greet");

            assertThat(snapshot).isNotEqualTo(head);
            assertThat(ws.head()).as("the branch stays").isEqualTo(head);
            assertThat(git(ws.directory(), "status", "--porcelain")).as("index and tree stay").isEqualTo(statusBefore);
            assertThat(git(ws.directory(), "show", snapshot + ":greet.txt")).isEqualTo("helo\n");
            assertThat(git(ws.directory(), "rev-parse", snapshot + "^").strip()).isEqualTo(head);
            assertThat(git(ws.directory(), "branch", "-a", "--contains", snapshot)).isEmpty();
            assertThat(git(ws.directory(), "log", "-1", "--format=%B", snapshot)).isEqualTo(
                    "harness: implement round 1 against suite greet\n\nNightshift-Run: run-8\n"
                            + "Nightshift-Snapshot: working tree\n\n");

            StageCommit later = ws.commit().stage("implement", "Implement", 1).call();
            assertThat(later).as("the stage commit still sees the whole stage's work").isInstanceOf(
                    StageCommit.Committed.class);
            assertThat(((StageCommit.Committed) later).changedPaths()).containsExactly("README.md", "greet.txt");
        }
    }

    @Test
    void aCleanTreeIsJudgedAtTheHeadItself() throws IOException {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "run-8", tmp.resolve("ws")))) {
            assertThat(ws.snapshot("harness: judge against suite greet")).isEqualTo(ws.head());
        }
    }

    @Test
    void deniedPathsStayOutOfTheSnapshotAsTheyStayOutOfCommits() throws IOException {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "run-8", tmp.resolve("ws")))) {
            write(ws.directory(), ".env", "SECRET=1\n");
            write(ws.directory(), "greet.txt", "hello\n");

            String snapshot = ws.snapshot("harness: judge against suite greet");

            assertThat(git(ws.directory(), "ls-tree", "-r", "--name-only", snapshot)).contains("greet.txt")
                    .doesNotContain(".env");
            assertThat(Files.readString(ws.directory().resolve(".env"))).isEqualTo("SECRET=1\n");
        }
    }
}
