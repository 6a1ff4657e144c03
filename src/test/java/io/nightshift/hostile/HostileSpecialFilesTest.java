package io.nightshift.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.runtime.RunWorkspace;
import io.nightshift.sandbox.FileAccessException;
import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.files.TextSearch;
import io.nightshift.sandbox.files.WorkspaceFiles;
import io.nightshift.sandbox.files.WorkspacePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, special files: the file tools (read, edit, grep, glob, list) act on the host side of the workspace, so a
 * FIFO an agent made with {@code mkfifo} would block the host thread that opens it. They never open one. End to end,
 * a tool stage makes FIFOs in the workspace; the stage commit, the run and its deliverables finish, the FIFOs are
 * not committed, and the stage's notes name them.
 */
// A thread blocked opening a FIFO cannot be interrupted; only a separate thread lets the suite fail and go on.
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileSpecialFilesTest {

    @TempDir
    Path tmp;

    @Test
    void theFileToolsRefuseToReadAFifoAndSearchPastIt() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.createDirectories(ws.resolve("sub"));
        Files.writeString(ws.resolve("sub/notes.txt"), "needle here\n");
        mkfifo(ws.resolve("pipe"));
        mkfifo(ws.resolve("sub/pipe"));
        WorkspaceFiles files = new WorkspaceFiles(WorkspacePaths.local(ws), TextSearch.detect(), null);

        assertThatThrownBy(() -> files.read("pipe", null, null)).isInstanceOf(FileAccessException.class)
                .hasMessageContaining("pipe: is a FIFO, socket or device file");
        assertThatThrownBy(() -> files.read("sub/pipe", 1, 10)).isInstanceOf(FileAccessException.class)
                .hasMessageContaining("not read");
        assertThatThrownBy(() -> files.grep("needle", "sub/pipe", GrepOptions.DEFAULTS))
                .isInstanceOf(FileAccessException.class).hasMessageContaining("FIFO");
        assertThat(files.grep("needle", null, GrepOptions.DEFAULTS)).contains("sub/notes.txt").doesNotContain("pipe");
        assertThat(files.glob("**", null)).contains("sub/notes.txt");
        assertThat(files.list(null, 2)).extracting(e -> e.name()).contains("pipe", "sub/pipe");
        files.write("pipe", "a file now\n"); // replaces the FIFO (atomic rename), never opens it
        assertThat(files.read("pipe", null, null)).isEqualTo("a file now\n");
    }

    @Test
    void aRunWhoseToolMakesFifosCompletesAndSaysWhatItSkippedLocally() throws Exception {
        runMakingFifos("local");
    }

    @Test
    @Tag("docker")
    void aSandboxedRunWhoseToolMakesFifosCompletesAndSaysWhatItSkipped() throws Exception {
        runMakingFifos("docker");
    }

    private void runMakingFifos(String sandbox) throws Exception {
        Path source = HostileRepos.repo(tmp.resolve("source"), "README.md", "hello\n");
        Path logs = tmp.resolve("run");
        Path pipeline = Files.writeString(tmp.resolve("fifo.dot"), """
                digraph fifo {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    make  [shape=parallelogram, tool_command="mkfifo p && mkdir -p sub/deeper && mkfifo sub/deeper/p && echo made > out.txt"]
                    again [shape=parallelogram, tool_command="echo again >> out.txt"]
                    start -> make -> again -> exit
                }
                """);
        List<String> notices = new ArrayList<>();

        RunResult result = HostileRepos.runPipeline(pipeline, source, logs, sandbox, notices);

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(logs.resolve("workspace/p")).as("the FIFO stays where the agent made it").exists();
        String branch = "nightshift/" + result.runId();
        assertThat(HostileRepos.git(source, "ls-tree", "-r", "--name-only", branch))
                .contains("out.txt").doesNotContain("p\n").doesNotContain("sub/deeper/p");
        assertThat(HostileRepos.git(source, "show", branch + ":out.txt")).isEqualTo("made\nagain\n");
        assertThat(logs.resolve("deliverables/changes.patch")).isRegularFile();
        assertThat(logs.resolve("deliverables/run.bundle")).isRegularFile();
        assertThat(String.valueOf(result.context().get(RunWorkspace.WARNINGS_KEY)))
                .contains("Skipped 'p'", "Skipped 'sub/deeper/p'", "FIFO, socket or device file", "not read");
    }

    static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).as("mkfifo " + path).isZero();
    }
}
