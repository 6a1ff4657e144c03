package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 10 (disk): a tool stage writes past the workspace's disk bound, into a git-ignored directory so
 * that no commit would ever notice it. The stage fails naming the bound, the size and the largest file, and nothing
 * of it is committed (the oversized tree never reaches the object store).
 */
class HostileDiskBoundTest {

    @TempDir
    Path tmp;

    @Test
    void aStageThatWritesPastTheDiskBoundFailsSayingSoAndCommitsNothingLocally() throws Exception {
        fill("local");
    }

    @Test
    @Tag("docker")
    void aSandboxedStageThatWritesPastTheDiskBoundFailsSayingSoAndCommitsNothing() throws Exception {
        fill("docker");
    }

    private void fill(String sandbox) throws Exception {
        Path source = HostileRepos.repo(tmp.resolve("source"), "README.md", "hello\n");
        Path logs = tmp.resolve("run");
        Path pipeline = Files.writeString(tmp.resolve("fill.dot"), """
                digraph fill {
                    graph [workspace.max_bytes="1m"]
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    small [shape=parallelogram, tool_command="echo small > small.txt"]
                    fill  [shape=parallelogram, tool_command="mkdir -p cache && echo cache/ > .gitignore && head -c 3145728 /dev/zero > cache/big.bin && echo more > more.txt"]
                    start -> small -> fill -> exit
                }
                """);
        List<String> notices = new ArrayList<>();

        RunResult result = HostileRepos.runPipeline(pipeline, source, logs, sandbox, notices);

        assertThat(result.status()).isEqualTo(RunStatus.FAIL);
        assertThat(result.failedNode()).isEqualTo("fill");
        assertThat(result.failureReason()).contains("above its disk bound of 1.0 MiB", "workspace.max_bytes",
                "cache/big.bin (3.0 MiB)", "Nothing of this stage was committed");
        Path ws = logs.resolve("workspace");
        String tree = HostileRepos.git(ws, "ls-tree", "-r", "--name-only", "HEAD");
        assertThat(tree).as("the stage before the bound was committed").contains("small.txt");
        assertThat(tree).as("nothing of the oversized stage").doesNotContain("more.txt", ".gitignore");
        String blob = HostileRepos.git(ws, "hash-object", "--no-filters", "cache/big.bin").strip();
        assertThat(io.nightshift.workspace.GitCli.run(ws, "cat-file", "-e", blob).exit())
                .as("the oversized file's blob is not in the object store").isNotZero();
    }

    @Test
    void aToolStageThatFillsItsStageDirectoryFailsNamingTheBoundAndIsNotRetriedLocally() throws Exception {
        fillStageDirectory("local");
    }

    @Test
    @Tag("docker")
    void aSandboxedToolStageThatFillsItsStageDirectoryFailsNamingTheBoundAndIsNotRetried() throws Exception {
        fillStageDirectory("docker");
    }

    /** The stage directory is the sandbox's other writable mount, on the host's disk like the workspace. */
    private void fillStageDirectory(String sandbox) throws Exception {
        Path source = HostileRepos.repo(tmp.resolve("source"), "README.md", "hello\n");
        Path logs = tmp.resolve("run");
        Path pipeline = Files.writeString(tmp.resolve("fill-stage.dot"), """
                digraph fill {
                    graph [stage.max_bytes="1m"]
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    small [shape=parallelogram, tool_command="head -c 4096 /dev/zero > \\"$ATTRACTOR_STAGE_DIR/ok.bin\\""]
                    fill  [shape=parallelogram, max_retries=2, tool_command="echo attempt >> \\"$ATTRACTOR_STAGE_DIR/attempts\\" && mkdir -p \\"$ATTRACTOR_STAGE_DIR/out\\" && head -c 3145728 /dev/zero > \\"$ATTRACTOR_STAGE_DIR/out/big.bin\\""]
                    start -> small -> fill -> exit
                }
                """);
        List<String> notices = new ArrayList<>();

        RunResult result = HostileRepos.runPipeline(pipeline, source, logs, sandbox, notices);

        assertThat(result.status()).isEqualTo(RunStatus.FAIL);
        assertThat(result.failedNode()).as("the stage under the bound passed").isEqualTo("fill");
        assertThat(result.failureReason()).contains("holds 3.0 MiB", "above its disk bound of 1.0 MiB",
                "(stage.max_bytes)", "out/big.bin (3.0 MiB)", "NIGHTSHIFT_STAGE_MAX_BYTES");
        assertThat(Files.readAllLines(logs.resolve("fill").resolve("attempts")))
                .as("a retry would meet the same bound: the stage ran once").containsExactly("attempt");
    }
}
