package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.runtime.RunFixtures.Run;
import io.nightshift.runtime.RunFixtures.RunRequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad sources are refused with clear messages; odd but usable ones only warn (issue 6, Bad input). */
class WorkspaceIntakeErrorsTest {

    @TempDir
    Path tmp;

    private Path pipeline() throws Exception {
        return RunFixtures.dot(tmp, "two.dot", WorkspaceRunTest.TWO_STAGES);
    }

    @Test
    void aRepoPathThatIsAPlainFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-repo.txt"), "text");

        assertThatThrownBy(() -> RunFixtures.run(pipeline(), tmp.resolve("run"), RunRequestBuilder.repo(file.toString())))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining(file.toString());
    }

    @Test
    void aRepoPathThatDoesNotExistIsRefused() throws Exception {
        Path missing = tmp.resolve("nowhere");

        assertThatThrownBy(() -> RunFixtures.run(pipeline(), tmp.resolve("run"), RunRequestBuilder.repo(missing.toString())))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void anUnreachableUrlIsRefusedWithoutShowingTheToken() throws Exception {
        String url = "https://127.0.0.1:9/team/app.git";

        assertThatThrownBy(() -> RunFixtures.run(pipeline(), tmp.resolve("run"), RunRequestBuilder.repo(url),
                Map.of("NIGHTSHIFT_GIT_TOKEN", "tok-very-secret-123")))
                .isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("127.0.0.1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-very-secret-123"));
    }

    @Test
    void aRefThatDoesNotExistIsRefused() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);

        assertThatThrownBy(() -> RunFixtures.run(pipeline(), tmp.resolve("run"),
                RunRequestBuilder.repo(source.toString()).ref("no-such-branch")))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("no-such-branch");
    }

    @Test
    void theRunBranchStartsFromTheGivenRef() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        String first = git(source, "rev-parse", "HEAD").strip();
        Files.writeString(source.resolve("later.txt"), "later\n");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "later");
        git(source, "tag", "v1", first);

        Run run = RunFixtures.run(pipeline(), tmp.resolve("run"), RunRequestBuilder.repo(source.toString()).ref("v1"));

        Path ws = tmp.resolve("run/workspace");
        assertThat(git(ws, "rev-parse", "nightshift/" + run.result().runId() + "~2").strip()).isEqualTo(first);
        assertThat(ws.resolve("later.txt")).doesNotExist();
    }

    @Test
    void aDirtyWorkspaceRepositoryIsRefusedUnlessDirtinessIsAllowed() throws Exception {
        Path repo = RunFixtures.sourceRepo(tmp);
        Files.writeString(repo.resolve("README.md"), "edited but not committed\n");

        assertThatThrownBy(() -> RunFixtures.run(pipeline(), tmp.resolve("run"), RunRequestBuilder.workspace(repo)))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("--allow-dirty");

        Run run = RunFixtures.run(pipeline(), tmp.resolve("run2"), RunRequestBuilder.workspace(repo).dirtyAllowed());
        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.notices()).anyMatch(n -> n.startsWith("warning:"));
    }

    @Test
    void repoAndWorkspaceTogetherAreRefused() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        RunRequestBuilder both = new RunRequestBuilder(source.toString(), null, tmp, false, false);

        assertThatThrownBy(() -> RunFixtures.run(pipeline(), tmp.resolve("run"), both))
                .isInstanceOf(UnusableInputException.class).hasMessageContaining("--repo and --workspace");
    }

    @Test
    void aDetachedHeadSourceWarnsAndTheRunGoesOn() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        git(source, "checkout", "-q", "--detach");

        Run run = RunFixtures.run(pipeline(), tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(run.notices()).anyMatch(n -> n.startsWith("warning:") && n.toLowerCase().contains("detached"));
    }

    @Test
    void aFileAboveTheLargeFileThresholdIsCommittedWithAWarning() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path big = RunFixtures.dot(tmp, "big.dot", """
                digraph big {
                    graph [workspace.large_file_bytes="1000"]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    blob  [shape=parallelogram, label="Blob", tool_command="head -c 5000 /dev/zero > blob.bin"]
                    start -> blob -> done
                }
                """);

        Run run = RunFixtures.run(big, tmp.resolve("run"), RunRequestBuilder.repo(source.toString()));

        assertThat(run.result().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(git(tmp.resolve("run/workspace"), "ls-tree", "-r", "--name-only", "nightshift/" + run.result().runId()))
                .contains("blob.bin");
        assertThat(Files.readString(tmp.resolve("run/blob/status.json"))).contains("blob.bin", "workspace.warnings");
    }
}
