package io.nightshift.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ExecutionEnvironment} must show (coding-agent spec 3.3, 4.1, 4.2, 5.4); the local
 * environment and the Docker sandbox run the same tests through their subclasses.
 */
public abstract class ExecutionEnvironmentContract {

    protected static final Map<String, String> HOST_ENV = Map.of(
            "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "OPENAI_API_KEY", "sk-secret-1", "GITHUB_TOKEN", "ghp-secret-2", "db_password", "secret-3",
            "SIGNING_SECRET", "secret-4", "AWS_CREDENTIAL", "secret-5", "NIGHTSHIFT_PLAIN", "visible");

    @TempDir
    protected Path workspace;

    @TempDir
    protected Path outside;

    protected ExecutionEnvironment env;

    /** A started environment over {@code workspace} inheriting {@code inheritedEnv} as far as it inherits at all. */
    protected abstract ExecutionEnvironment create(Path workspace, Map<String, String> inheritedEnv);

    /** The absolute path under which commands see the workspace. */
    protected abstract String visibleRoot();

    @BeforeEach
    void startEnvironment() {
        env = create(workspace, HOST_ENV);
        env.initialize();
    }

    @AfterEach
    void stopEnvironment() {
        if (env != null) {
            env.close();
        }
    }

    // ---- files ---------------------------------------------------------------------------------------------

    @Test
    void readsAWholeFileAndALineRangeWithOneBasedOffset() throws Exception {
        Files.writeString(workspace.resolve("lines.txt"), "one\ntwo\nthree\nfour\n");

        assertThat(env.readFile("lines.txt", null, null)).isEqualTo("one\ntwo\nthree\nfour\n");
        assertThat(env.readFile("lines.txt", 2, 2)).isEqualTo("two\nthree\n");
        assertThat(env.readFile("lines.txt", 4, null)).isEqualTo("four\n");
        assertThat(env.readFile(visibleRoot() + "/lines.txt", null, 1)).isEqualTo("one\n");
    }

    @Test
    void readingAMissingFileOrAnOffsetPastTheEndSaysWhich() throws Exception {
        Files.writeString(workspace.resolve("short.txt"), "a\nb\n");

        assertThatThrownBy(() -> env.readFile("nope.txt", null, null))
                .isInstanceOf(FileAccessException.class).hasMessageContaining("nope.txt").hasMessageContaining("no such file");
        assertThatThrownBy(() -> env.readFile("short.txt", 5, null))
                .isInstanceOf(FileAccessException.class).hasMessageContaining("past the end").hasMessageContaining("2 lines");
    }

    @Test
    void refusesToReadABinaryFileAsText() throws Exception {
        Files.write(workspace.resolve("blob.bin"), new byte[] {1, 2, 0, 3});

        assertThatThrownBy(() -> env.readFile("blob.bin", null, null))
                .isInstanceOf(FileAccessException.class).hasMessageContaining("binary");
    }

    @Test
    void writeCreatesParentsReplacesContentKeepsTheModeAndLeavesNoTemporaryFiles() throws Exception {
        env.writeFile("deep/er/new.txt", "hello\n");
        assertThat(workspace.resolve("deep/er/new.txt")).hasContent("hello");

        Path script = workspace.resolve("run.sh");
        Files.writeString(script, "old");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        env.writeFile("run.sh", "#!/bin/sh\necho new\n");

        assertThat(Files.readString(script)).isEqualTo("#!/bin/sh\necho new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
        try (Stream<Path> all = Files.walk(workspace)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void writtenFilesAreVisibleToCommands() {
        env.writeFile("from-tool.txt", "written by the tool");

        ExecResult r = env.execCommand("cat from-tool.txt && echo made-by-command > from-command.txt", 10_000, null, null);

        assertThat(r.stdout()).isEqualTo("written by the tool");
        assertThat(env.readFile("from-command.txt", null, null)).isEqualTo("made-by-command\n");
    }

    @Test
    void fileExistsReportsFilesAndDirectories() throws Exception {
        Files.createDirectories(workspace.resolve("dir"));
        Files.writeString(workspace.resolve("dir/f.txt"), "x");

        assertThat(env.fileExists("dir")).isTrue();
        assertThat(env.fileExists("dir/f.txt")).isTrue();
        assertThat(env.fileExists("dir/g.txt")).isFalse();
    }

    @Test
    void refusesPathsThatLeaveTheWorkspace() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "host secret");
        Files.createSymbolicLink(workspace.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(workspace.resolve("linkdir"), outside);
        Files.createSymbolicLink(workspace.resolve("dangling.txt"), outside.resolve("created-through-link.txt"));

        for (String escape : List.of("../x.txt", "a/../../x.txt", "/etc/passwd", outside.resolve("secret.txt").toString(),
                "link.txt", "linkdir/secret.txt")) {
            assertThatThrownBy(() -> env.readFile(escape, null, null))
                    .as(escape).isInstanceOf(PathOutsideWorkspaceException.class)
                    .hasMessageContaining(escape).hasMessageContaining("outside the workspace");
        }
        assertThatThrownBy(() -> env.writeFile("dangling.txt", "x")).isInstanceOf(PathOutsideWorkspaceException.class);
        assertThatThrownBy(() -> env.writeFile("linkdir/new.txt", "x")).isInstanceOf(PathOutsideWorkspaceException.class);
        assertThatThrownBy(() -> env.listDirectory("..", 1)).isInstanceOf(PathOutsideWorkspaceException.class);
        assertThatThrownBy(() -> env.execCommand("pwd", 5_000, "../", null))
                .isInstanceOf(PathOutsideWorkspaceException.class);
        assertThat(outside.resolve("created-through-link.txt")).doesNotExist();
        assertThat(outside.resolve("new.txt")).doesNotExist();
    }

    @Test
    void followsSymbolicLinksThatStayInside() throws Exception {
        Files.writeString(workspace.resolve("real.txt"), "inside");
        Files.createSymbolicLink(workspace.resolve("alias.txt"), Path.of("real.txt"));

        assertThat(env.readFile("alias.txt", null, null)).isEqualTo("inside");
        env.writeFile("alias.txt", "changed");
        assertThat(workspace.resolve("real.txt")).hasContent("changed");
        assertThat(Files.isSymbolicLink(workspace.resolve("alias.txt"))).isTrue();
    }

    @Test
    void listsADirectoryToTheRequestedDepthSortedByPath() throws Exception {
        Files.createDirectories(workspace.resolve("b/inner/deeper"));
        Files.writeString(workspace.resolve("a.txt"), "12345");
        Files.writeString(workspace.resolve("b/inner/c.txt"), "x");
        Files.createDirectories(workspace.resolve(".git/objects"));

        assertThat(env.listDirectory(".", 1)).containsExactly(
                new DirEntry(".git", true, null), new DirEntry("a.txt", false, 5L), new DirEntry("b", true, null));
        assertThat(env.listDirectory(null, 3)).extracting(DirEntry::name).containsExactly(
                ".git", "a.txt", "b", "b/inner", "b/inner/c.txt", "b/inner/deeper");
        assertThat(env.listDirectory("b", 2)).extracting(DirEntry::name).containsExactly("inner", "inner/c.txt",
                "inner/deeper");
    }

    @Test
    void globFindsFilesAcrossDirectoriesNewestFirst() throws Exception {
        Files.createDirectories(workspace.resolve("src/main"));
        Files.createDirectories(workspace.resolve(".git"));
        Path old = Files.writeString(workspace.resolve("Old.java"), "");
        Path mid = Files.writeString(workspace.resolve("src/Mid.java"), "");
        Path fresh = Files.writeString(workspace.resolve("src/main/New.java"), "");
        Files.writeString(workspace.resolve("src/notes.md"), "");
        Files.writeString(workspace.resolve(".git/Hidden.java"), "");
        Instant now = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(300)));
        Files.setLastModifiedTime(mid, FileTime.from(now.minusSeconds(200)));
        Files.setLastModifiedTime(fresh, FileTime.from(now.minusSeconds(100)));

        assertThat(env.glob("**/*.java", null)).containsExactly("src/main/New.java", "src/Mid.java", "Old.java");
        assertThat(env.glob("*.java", "src")).containsExactly("src/Mid.java");
        assertThat(env.glob("src/**/*.java", ".")).containsExactly("src/main/New.java", "src/Mid.java");
        assertThat(env.glob(visibleRoot() + "/src/*.md", null)).containsExactly("src/notes.md");
        assertThatThrownBy(() -> env.glob("src/[a", null)).isInstanceOf(InvalidPatternException.class);
    }

    @Test
    void grepReportsPathLineAndTextHonouringFilterCaseAndLimit() throws Exception {
        Files.createDirectories(workspace.resolve("src"));
        Files.createDirectories(workspace.resolve(".git"));
        Files.writeString(workspace.resolve("src/a.py"), "import os\nTODO: fix\nok\n");
        Files.writeString(workspace.resolve("src/b.txt"), "todo later\nTODO twice\n");
        Files.writeString(workspace.resolve(".git/config"), "TODO in git\n");
        Files.write(workspace.resolve("src/c.py"), "TODO\0binary".getBytes(StandardCharsets.UTF_8));

        assertThat(env.grep("TODO", null, GrepOptions.DEFAULTS).lines())
                .containsExactly("src/a.py:2:TODO: fix", "src/b.txt:2:TODO twice");
        assertThat(env.grep("todo", "src", new GrepOptions("*.txt", true, 100)).lines())
                .containsExactly("src/b.txt:1:todo later", "src/b.txt:2:TODO twice");
        assertThat(env.grep("todo", "src", new GrepOptions(null, true, 1)).lines())
                .containsExactly("src/a.py:2:TODO: fix",
                        "[results truncated at 1 matches; narrow the pattern or raise max_results]");
        assertThat(env.grep("absent-word", null, GrepOptions.DEFAULTS)).isEmpty();
        assertThatThrownBy(() -> env.grep("(unclosed", null, GrepOptions.DEFAULTS))
                .isInstanceOf(InvalidPatternException.class).hasMessageContaining("(unclosed");
    }

    // ---- commands ------------------------------------------------------------------------------------------

    @Test
    void capturesStdoutStderrAndExitCodeSeparately() {
        ExecResult r = env.execCommand("echo to-out; echo to-err >&2; exit 3", 10_000, null, null);

        assertThat(r.stdout()).isEqualTo("to-out\n");
        assertThat(r.stderr()).isEqualTo("to-err\n");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.durationMs()).isNotNegative();
    }

    @Test
    void runsInTheWorkingDirectoryOrASubdirectoryOfIt() throws Exception {
        Files.createDirectories(workspace.resolve("sub/dir"));

        assertThat(env.execCommand("pwd", 10_000, null, null).stdout().strip()).isEqualTo(visibleRoot());
        assertThat(env.execCommand("pwd", 10_000, "sub/dir", null).stdout().strip()).isEqualTo(visibleRoot() + "/sub/dir");
        assertThat(env.workingDirectory()).isEqualTo(visibleRoot());
        assertThatThrownBy(() -> env.execCommand("pwd", 10_000, "missing", null))
                .isInstanceOf(FileAccessException.class).hasMessageContaining("missing");
    }

    @Test
    void commandsSeeExtraVariablesButNoHostSecrets() {
        ExecResult r = env.execCommand("env", 10_000, null, Map.of("EXTRA_VAR", "given"));

        assertThat(r.stdout()).contains("EXTRA_VAR=given");
        assertThat(r.stdout()).doesNotContain("secret-", "OPENAI_API_KEY", "GITHUB_TOKEN", "db_password", "SIGNING_SECRET",
                "AWS_CREDENTIAL");
    }

    @Test
    void commandsReadEndOfFileFromStdin() {
        ExecResult r = env.execCommand("cat; echo done", 5_000, null, null);

        assertThat(r.stdout()).isEqualTo("done\n");
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void timeoutKillsTheWholeProcessTreeAndKeepsTheOutputSoFar() {
        ExecResult r = env.execCommand(
                "echo $$ > pids; sleep 100 & echo $! >> pids; (sleep 100; true) & echo $! >> pids; echo started; wait",
                1_000, null, null);

        assertThat(r.timedOut()).isTrue();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(r.durationMs()).as("not stopped before its timeout").isGreaterThanOrEqualTo(1_000L);
        assertNoneAlive("pids");
    }

    @Test
    void aProcessIgnoringTermIsKilledTwoSecondsLater() {
        ExecResult r = env.execCommand("trap '' TERM; echo $$ > pids; sleep 100 & echo $! >> pids; wait; wait",
                500, null, null);

        assertThat(r.timedOut()).isTrue();
        assertThat(r.durationMs()).as("given its grace period after TERM").isGreaterThanOrEqualTo(2_400L);
        assertNoneAlive("pids");
    }

    @Test
    void largeOutputOnBothStreamsDoesNotDeadlock() {
        ExecResult r = env.execCommand("for i in $(seq 1 40); do head -c 100000 /dev/zero | tr '\\0' a; "
                + "head -c 100000 /dev/zero | tr '\\0' b >&2; done", 60_000, null, null);

        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(4_000_000).matches("a+");
        assertThat(r.stderr()).hasSize(4_000_000).matches("b+");
    }

    @Test
    void aBackgroundChildHoldingTheOutputOpenDoesNotHangTheCall() {
        ExecResult r = env.execCommand("echo started; sleep 60 & echo $! > pids", 30_000, null, null);

        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.timedOut()).as("returned before its 30 s timeout although the child sleeps 60 s").isFalse();
    }

    /** Asserts, from inside the environment, that no process listed in {@code pidFile} is still running. */
    protected void assertNoneAlive(String pidFile) {
        String pids = env.readFile(pidFile, null, null);
        assertThat(pids.lines()).isNotEmpty();
        ExecResult check = env.execCommand("for p in $(cat " + pidFile + "); do s=$(ps -o stat= -p $p); "
                + "case \"$s\" in ''|Z*) ;; *) echo \"alive $p $s\";; esac; done", 10_000, null, null);
        assertThat(check.stdout()).as("processes still running from %s", pids).isEmpty();
    }
}
