package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeTest {

    @TempDir
    Path tmp;

    @Test
    void clonesALocalPathOntoARunBranchAtTheSourceHead() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        String sourceHead = git(source, "rev-parse", "HEAD").strip();
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            assertThat(ws.branch()).isEqualTo("nightshift/r1");
            assertThat(ws.baseCommit()).isEqualTo(sourceHead);
            assertThat(git(ws.directory(), "symbolic-ref", "HEAD").strip()).isEqualTo("refs/heads/nightshift/r1");
            assertThat(git(ws.directory(), "status", "--porcelain")).isEmpty();
            assertThat(Files.readString(ws.directory().resolve("src/app.txt"))).isEqualTo("line 1\nline 2\nline 3\n");
            assertThat(ws.warnings()).isEmpty();
        }
        assertThat(git(source, "status", "--porcelain")).isEmpty();
        assertThat(git(source, "branch", "--list")).doesNotContain("nightshift");
    }

    @Test
    void clonesAFileUrlAtANamedBranchTagOrCommit() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        String url = source.toUri().toString();
        String first = git(source, "rev-parse", "v1").strip();
        try (Workspace byBranch = Workspaces.intake(IntakeRequest.of(url, "b", tmp.resolve("b")).withRef("feature"));
             Workspace byTag = Workspaces.intake(IntakeRequest.of(url, "t", tmp.resolve("t")).withRef("v1"));
             Workspace bySha = Workspaces.intake(IntakeRequest.of(url, "s", tmp.resolve("s")).withRef(first))) {
            assertThat(byBranch.baseCommit()).isEqualTo(first);
            assertThat(byTag.baseCommit()).isEqualTo(first);
            assertThat(bySha.baseCommit()).isEqualTo(first);
            assertThat(Files.readString(byTag.directory().resolve("src/app.txt"))).isEqualTo("line 1\nline 2\n");
        }
    }

    @Test
    void refusesAMissingPath() {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(missing.toString(), "r", tmp.resolve("ws"))))
                .isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        assertThat(tmp.resolve("ws")).doesNotExist();
    }

    @Test
    void refusesADirectoryThatIsNotARepositoryAndAFile() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(plain.toString(), "r", tmp.resolve("ws"))))
                .isInstanceOf(SourceNotFoundException.class).hasMessageContaining("not a git repository")
                .hasMessageContaining("--workspace");
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(file.toString(), "r", tmp.resolve("ws"))))
                .isInstanceOf(SourceNotFoundException.class).hasMessageContaining("is a file");
    }

    @Test
    void refusesARefTheSourceDoesNotHaveAndLeavesNoHalfClone() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        Path target = tmp.resolve("ws");
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(source.toString(), "r", target).withRef("nope")))
                .isInstanceOfSatisfying(UnknownRefException.class, e -> {
                    assertThat(e.ref()).isEqualTo("nope");
                    assertThat(e.availableBranches()).contains("main", "feature");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("'nope' does not exist");
        assertThat(target).doesNotExist();
    }

    @Test
    void refusesAnEmptySourceWithAHint() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        git(empty, "init", "-q");
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(empty.toString(), "r", tmp.resolve("ws"))))
                .isInstanceOf(UnknownRefException.class).hasMessageContaining("no HEAD commit");
    }

    @Test
    void refusesANonEmptyTargetDirectory() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        Path target = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(source.toString(), "r", target)))
                .isInstanceOf(WorkspaceException.class).hasMessageContaining("not an empty directory");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void reportsAnUnreachableFileUrlAsNotRetryable() {
        String url = tmp.resolve("missing-repo").toUri().toString();
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(url, "r", tmp.resolve("ws"))))
                .isInstanceOfSatisfying(RemoteUnreachableException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("no git repository");
    }

    @Test
    void neverShowsTheTokenInMessagesOrToString() {
        String token = "ghp_secretTOKEN1234567890";
        IntakeRequest request = IntakeRequest.of("https://127.0.0.1:1/org/repo.git", "r", tmp.resolve("ws"))
                .withEnv(Map.of("NIGHTSHIFT_GIT_TOKEN", token));
        assertThat(request.toString()).doesNotContain(token);
        assertThatThrownBy(() -> Workspaces.intake(request))
                .isInstanceOf(RemoteUnreachableException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(token).contains("127.0.0.1");
                    assertThat(((WorkspaceException) e).retryable()).isTrue();
                });
        String withUserInfo = "https://user:" + token + "@127.0.0.1:1/repo.git";
        assertThat(IntakeRequest.of(withUserInfo, "r", tmp.resolve("x")).toString()).doesNotContain(token);
        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(withUserInfo, "r", tmp.resolve("x"))))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    @Test
    void warnsButWorksWhenTheSourceHeadIsDetached() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        git(source, "checkout", "-q", "--detach", "HEAD~1");
        write(source, "detached.txt", "only here\n");
        git(source, "add", "detached.txt");
        git(source, "commit", "-q", "-m", "on a detached head");
        String detached = git(source, "rev-parse", "HEAD").strip();
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            assertThat(ws.baseCommit()).isEqualTo(detached);
            assertThat(ws.directory().resolve("detached.txt")).exists();
            assertThat(ws.warnings()).anySatisfy(w -> assertThat(w).contains("detached"));
        }
    }

    @Test
    void warnsAboutSubmodulesAndLfsPointers() throws IOException {
        Path lib = GitCli.sourceRepo(tmp.resolve("lib-parent"));
        Path source = GitCli.sourceRepo(tmp);
        git(source, "submodule", "add", "-q", lib.toString(), "vendor/lib");
        write(source, ".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n");
        write(source, "data.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 3\n");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "submodule and lfs");
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r", tmp.resolve("ws")))) {
            assertThat(ws.warnings()).anySatisfy(w -> assertThat(w).contains("submodules").contains("vendor/lib"));
            assertThat(ws.warnings()).anySatisfy(w -> assertThat(w).contains("LFS"));
            assertThat(ws.directory().resolve("data.bin")).exists();
        }
    }
}
