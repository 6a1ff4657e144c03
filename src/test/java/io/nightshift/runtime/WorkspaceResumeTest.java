package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.runtime.RunFixtures.Run;
import io.nightshift.runtime.RunFixtures.RunRequestBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming in-process: the workspace goes back to the checkpoint's commit, whatever the killed run left. */
class WorkspaceResumeTest {

    @TempDir
    Path tmp;

    private static RunRequestBuilder resume() {
        return new RunRequestBuilder(null, null, null, false, true);
    }

    @Test
    void aResumeRemovesGitLocksAKilledCommitLeftBehind() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "two.dot", WorkspaceRunTest.TWO_STAGES);
        Path logs = tmp.resolve("run");
        RunFixtures.run(pipeline, logs, RunRequestBuilder.repo(RunFixtures.sourceRepo(tmp).toString()));
        Files.writeString(logs.resolve("workspace/.git/index.lock"), "");

        Run resumed = RunFixtures.run(pipeline, logs, resume());

        assertThat(resumed.result().status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(logs.resolve("workspace/.git/index.lock")).doesNotExist();
    }

    @Test
    void uncommittedWorkIsSetAsideOnASideRefAndTheTreeMatchesTheCheckpointCommit() throws Exception {
        Path pipeline = RunFixtures.dot(tmp, "two.dot", WorkspaceRunTest.TWO_STAGES);
        Path logs = tmp.resolve("run");
        Run first = RunFixtures.run(pipeline, logs, RunRequestBuilder.repo(RunFixtures.sourceRepo(tmp).toString()));
        Path ws = logs.resolve("workspace");
        String head = git(ws, "rev-parse", "HEAD").strip();
        Files.writeString(ws.resolve("stray.txt"), "left by a killed stage\n");
        Files.writeString(ws.resolve("first.txt"), "half-edited\n");

        Run resumed = RunFixtures.run(pipeline, logs, resume());

        String sideRef = "refs/nightshift/" + first.result().runId() + "/interrupted/1";
        assertThat(resumed.notice("resume:")).contains("restored to " + head.substring(0, 10), sideRef);
        assertThat(ws.resolve("stray.txt")).doesNotExist();
        assertThat(Files.readString(ws.resolve("first.txt"))).isEqualTo("one\n");
        assertThat(git(ws, "show", sideRef + ":stray.txt")).isEqualTo("left by a killed stage\n");
        assertThat(git(ws, "rev-parse", "HEAD").strip()).isEqualTo(head);
    }
}
