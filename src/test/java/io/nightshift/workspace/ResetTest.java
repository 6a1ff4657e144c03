package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetTest {

    @TempDir
    Path tmp;

    @Test
    void resetKeepsCommittedAndUncommittedWorkOnASideRef() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            write(ws.directory(), "plan.md", "plan\n");
            String planned = ws.commit().stage("plan", "Plan", 1).call().head();
            write(ws.directory(), "code.txt", "half done\n");
            String coded = ws.commit().stage("code", "Code", 1).call().head();
            write(ws.directory(), "code.txt", "uncommitted edit\n");
            write(ws.directory(), "scratch/notes.txt", "untracked\n");
            write(ws.directory(), ".env", "KEEP=1\n");

            ResetResult result = ws.resetTo(planned);

            assertThat(result.commitId()).isEqualTo(planned);
            assertThat(result.previousHead()).isEqualTo(coded);
            assertThat(result.sideRef()).contains("refs/nightshift/r/interrupted/1");
            assertThat(result.removedPaths()).containsExactly("scratch/notes.txt");
            assertThat(git(ws.directory(), "rev-parse", "HEAD").strip()).isEqualTo(planned);
            assertThat(git(ws.directory(), "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/nightshift/r");
            assertThat(git(ws.directory(), "status", "--porcelain")).isEqualTo("?? .env\n");
            assertThat(ws.directory().resolve("code.txt")).doesNotExist();
            assertThat(ws.directory().resolve("scratch")).doesNotExist();
            assertThat(ws.directory().resolve(".env")).exists();
            String side = "refs/nightshift/r/interrupted/1";
            assertThat(git(ws.directory(), "show", side + ":code.txt")).isEqualTo("uncommitted edit\n");
            assertThat(git(ws.directory(), "show", side + ":scratch/notes.txt")).isEqualTo("untracked\n");
            assertThat(git(ws.directory(), "rev-parse", side + "^").strip()).isEqualTo(coded);
        }
    }

    @Test
    void numbersSideRefsAndSkipsThemWhenNothingWouldBeLost() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            String base = ws.head();
            write(ws.directory(), "a.txt", "a\n");
            String first = ws.commit().stage("a", "A", 1).call().head();
            assertThat(ws.resetTo(base).sideRef()).contains("refs/nightshift/r/interrupted/1");
            assertThat(git(ws.directory(), "rev-parse", "refs/nightshift/r/interrupted/1").strip()).isEqualTo(first);
            assertThat(ws.resetTo(base).sideRef()).isEqualTo(Optional.empty());
            write(ws.directory(), "b.txt", "b\n");
            assertThat(ws.resetTo(base).sideRef()).contains("refs/nightshift/r/interrupted/2");
            assertThat(Files.exists(ws.directory().resolve("b.txt"))).isFalse();
        }
    }

    @Test
    void refusesAnUnknownCommit() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            assertThatThrownBy(() -> ws.resetTo("0123456789012345678901234567890123456789"))
                    .isInstanceOf(UnknownCommitException.class).hasMessageContaining("No commit");
        }
    }

    @Test
    void reopensAWorkspaceForResume() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        String head;
        WorkspaceOrigin origin;
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            write(ws.directory(), "a.txt", "a\n");
            head = ws.commit().stage("a", "A", 1).call().head();
            origin = ws.origin();
        }
        try (Workspace again = Workspaces.open(origin, "r", java.util.Map.of(), WorkspaceSettings.defaults(),
                java.time.Clock.systemUTC())) {
            assertThat(again.head()).isEqualTo(head);
            assertThat(again.baseCommit()).isEqualTo(git(source, "rev-parse", "HEAD").strip());
            assertThat(again.source()).isEqualTo(source.toString());
        }
    }
}
