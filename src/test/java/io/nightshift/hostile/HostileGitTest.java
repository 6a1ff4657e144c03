package io.nightshift.hostile;

import static io.nightshift.hostile.HostileRepos.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nightshift.workspace.Deliverables;
import io.nightshift.workspace.IntakeRequest;
import io.nightshift.workspace.PushOutcome;
import io.nightshift.workspace.UnsafeWorkspaceException;
import io.nightshift.workspace.Workspace;
import io.nightshift.workspace.WorkspaceOrigin;
import io.nightshift.workspace.WorkspaceSettings;
import io.nightshift.workspace.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 1 to 3 and the {@code .git} internals, at the workspace layer: an agent writes whatever it likes
 * into the workspace's {@code .git} (here written directly, as a sandboxed command would), then the host commits,
 * snapshots, resets, reopens and delivers. Each test looks on the host for the effect.
 */
class HostileGitTest {

    @TempDir
    Path tmp;

    Path source;
    Path decoy;
    Path markers;

    @BeforeEach
    void repos() throws Exception {
        source = HostileRepos.repo(tmp.resolve("source"), "README.md", "hello\n");
        decoy = HostileRepos.repo(tmp.resolve("decoy"), "README.md", "decoy\n");
        markers = Files.createDirectories(tmp.resolve("markers"));
    }

    @Test
    void filtersHooksAndCommandsTheAgentConfiguresNeverRunOnTheHost() throws Exception {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            String base = ws.head();
            attack(ws.directory());
            Files.writeString(ws.directory().resolve("README.md"), "changed by the agent\n");

            ws.snapshot("judge this");
            String head = ws.commit().stage("evil", "Evil", 1).call().head();
            ws.protectedViolations(base);
            ws.resetTo(base);
            ws.resetTo(head);
            Deliverables delivered = ws.deliver(tmp.resolve("out"), true);

            assertThat(HostileRepos.markers(markers)).allSatisfy(m -> assertThat(m).doesNotExist());
            assertThat(git(source, "show", head + ":README.md")).as("committed as written, no clean filter")
                    .isEqualTo("changed by the agent\n");
            assertThat(delivered.push()).isInstanceOf(PushOutcome.LocalRefUpdated.class);
        }
    }

    @Test
    void aReopenedWorkspaceDeliversToTheRecordedSourceNotToItsGitConfig() throws Exception {
        WorkspaceOrigin origin;
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            attack(ws.directory());
            Files.writeString(ws.directory().resolve(".git/config"), "[nightshift \"r1\"]\n\tmode = clone\n"
                    + "\tsource = " + decoy + "\n\tsourcePath = " + decoy + "\n", StandardOpenOption.APPEND);
            Files.writeString(ws.directory().resolve("a.txt"), "work\n");
            ws.commit().stage("evil", "Evil", 1).call();
            origin = ws.origin();
        }

        try (Workspace again = Workspaces.open(origin, "r1", Map.of(), WorkspaceSettings.defaults(),
                Clock.systemUTC())) {
            Deliverables delivered = again.deliver(tmp.resolve("out"), true);

            assertThat(delivered.push()).isInstanceOf(PushOutcome.LocalRefUpdated.class);
            assertThat(HostileRepos.runBranches(source)).containsExactly("refs/heads/nightshift/r1");
            assertThat(HostileRepos.runBranches(decoy)).as("the agent's choice of repository").isEmpty();
            assertThat(HostileRepos.markers(markers)).allSatisfy(m -> assertThat(m).doesNotExist());
        }
        try (Workspace unrecorded = Workspaces.open(tmp.resolve("ws"), "r1", Map.of(), WorkspaceSettings.defaults(),
                Clock.systemUTC())) {
            assertThat(unrecorded.deliver(tmp.resolve("out2"), true).push()).isInstanceOf(PushOutcome.Skipped.class);
            assertThat(HostileRepos.runBranches(decoy)).isEmpty();
        }
    }

    @Test
    void objectsBorrowedFromAnotherHostRepositoryAreRefused() throws Exception {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            Path info = Files.createDirectories(ws.directory().resolve(".git/objects/info"));
            Files.writeString(info.resolve("alternates"), decoy.resolve(".git/objects") + "\n");

            assertThatThrownBy(() -> ws.commit().stage("evil", "Evil", 1).call())
                    .isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining("alternates")
                    .hasMessageContaining("borrows objects");
            assertThatThrownBy(() -> ws.deliver(tmp.resolve("out"), true)).isInstanceOf(UnsafeWorkspaceException.class);
            assertThat(HostileRepos.runBranches(source)).isEmpty();
        }
    }

    @Test
    void aGitDirectorySwappedForALinkToAnotherHostRepositoryIsNotWrittenThrough() throws Exception {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            git(decoy, "branch", "nightshift/r1");
            String decoyRefs = git(decoy, "for-each-ref");
            Files.move(ws.directory().resolve(".git"), tmp.resolve("moved-away"));
            Files.createSymbolicLink(ws.directory().resolve(".git"), decoy.resolve(".git"));
            Files.writeString(ws.directory().resolve("a.txt"), "work\n");

            assertThatThrownBy(() -> ws.commit().stage("evil", "Evil", 1).call())
                    .isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining("symbolic link");
            assertThat(git(decoy, "for-each-ref")).isEqualTo(decoyRefs);
        }
    }

    @Test
    void aGitDirectoryReplacedByAPointerToAnotherRepositoryIsRefused() throws Exception {
        WorkspaceOrigin origin;
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            origin = ws.origin();
            git(decoy, "branch", "nightshift/r1");
            Files.move(ws.directory().resolve(".git"), tmp.resolve("moved-away"));
            Files.writeString(ws.directory().resolve(".git"), "gitdir: " + decoy.resolve(".git") + "\n");

            assertThatThrownBy(() -> ws.commit().stage("evil", "Evil", 1).call())
                    .isInstanceOf(UnsafeWorkspaceException.class);
        }
        assertThatThrownBy(() -> Workspaces.open(origin, "r1", Map.of(), WorkspaceSettings.defaults(),
                Clock.systemUTC())).isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining(".git");
    }

    @Test
    void linksInsideTheGitDirectoryAreRefusedNotFollowed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("shadow"), "root:$6$secret-hash:19000:0:99999:7:::\n");
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            Files.createSymbolicLink(ws.directory().resolve(".git/packed-refs"), secret);

            assertThatThrownBy(() -> ws.snapshot("judge"))
                    .isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining("packed-refs")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-hash"));
        }
    }

    @Test
    @Timeout(120) // a hang guard: reading the FIFO would block forever
    void aConfigThatIncludesAFifoIsRefusedBeforeJGitReadsIt() throws Exception {
        WorkspaceOrigin origin;
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            origin = ws.origin();
        }
        Path fifo = tmp.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Files.writeString(tmp.resolve("ws/.git/config"), "[include]\n\tpath = " + fifo + "\n",
                StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Workspaces.open(origin, "r1", Map.of(), WorkspaceSettings.defaults(),
                Clock.systemUTC())).isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining("include");
    }

    @Test
    void aConfigThatGainsAnIncludeBetweenStagesIsRefusedAtTheNextCommit() throws Exception {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            Files.writeString(ws.directory().resolve("a.txt"), "one\n");
            ws.commit().stage("first", "First", 1).call(); // the config as it is passed the check (and is remembered)
            Files.writeString(ws.directory().resolve(".git/config"), "[include]\n\tpath = " + decoy.resolve(".git/config")
                    + "\n", StandardOpenOption.APPEND);
            Files.writeString(ws.directory().resolve("a.txt"), "two\n");

            assertThatThrownBy(() -> ws.commit().stage("second", "Second", 1).call())
                    .isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining("include");
        }
    }

    @Test
    @Timeout(120) // a hang guard, as above
    void aFifoInTheGitDirectoryIsRefused() throws Exception {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            Files.delete(ws.directory().resolve(".git/HEAD"));
            assertThat(new ProcessBuilder("mkfifo", ws.directory().resolve(".git/HEAD").toString()).start()
                    .waitFor()).isZero();

            assertThatThrownBy(() -> ws.commit().stage("evil", "Evil", 1).call())
                    .isInstanceOf(UnsafeWorkspaceException.class).hasMessageContaining("FIFO");
        }
    }

    @Test
    // A hang guard in its own thread: a thread blocked opening a FIFO cannot be interrupted, so only a separate
    // thread lets the suite fail and go on instead of hanging with it.
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void specialFilesInTheWorkingTreeAreNeverOpenedByAnyGitOperation() throws Exception {
        Path secret = Files.writeString(tmp.resolve("shadow"), "root:$6$host-secret-hash:19000:0:99999:7:::\n");
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(source.toString(), "r1", tmp.resolve("ws")))) {
            String base = ws.head();
            Path dir = ws.directory();
            Files.writeString(dir.resolve("tracked.txt"), "tracked\n");
            Files.createDirectories(dir.resolve("sub/deeper"));
            Files.writeString(dir.resolve("sub/kept.txt"), "kept\n");
            String withTracked = ws.commit().stage("setup", "Setup", 1).call().head();
            // what an agent can do with mkfifo: a pipe at the top, one in a sub-directory, a FIFO where git looks
            // for ignore and attribute rules, and a FIFO that replaces a tracked file
            mkfifo(dir.resolve("pipe"));
            mkfifo(dir.resolve("sub/deeper/pipe"));
            mkfifo(dir.resolve("sub/.gitignore"));
            mkfifo(dir.resolve(".gitattributes"));
            Files.delete(dir.resolve("tracked.txt"));
            mkfifo(dir.resolve("tracked.txt"));
            Files.createSymbolicLink(dir.resolve("shadow-link"), secret);
            Files.writeString(dir.resolve("sub/new.txt"), "new\n");

            String snapshot = ws.snapshot("judge this");
            var commit = ws.commit().stage("evil", "Evil", 2).call();
            ws.protectedViolations(base);
            ws.resetTo(withTracked);
            ws.resetTo(commit.head());
            Deliverables delivered = ws.deliver(tmp.resolve("out"), true);

            String tree = git(dir, "ls-tree", "-r", "--name-only", commit.head());
            assertThat(tree).contains("shadow-link", "sub/new.txt", "sub/kept.txt")
                    .doesNotContain("pipe", "tracked.txt", ".gitattributes", "sub/.gitignore");
            assertThat(git(dir, "ls-tree", "-r", "--name-only", snapshot)).contains("sub/new.txt")
                    .doesNotContain("pipe");
            assertThat(git(dir, "cat-file", "-p", commit.head() + ":shadow-link"))
                    .as("the link's target, not the host file").isEqualTo(secret.toString())
                    .doesNotContain("host-secret-hash");
            assertThat(commit.warnings()).anySatisfy(w -> assertThat(w).contains("'sub/deeper/pipe'")
                    .contains("not read"));
            assertThat(delivered.push()).isInstanceOf(PushOutcome.LocalRefUpdated.class);
        }
    }

    private static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).as("mkfifo " + path).isZero();
    }

    /** What a sandboxed agent can do to its workspace's git: evil config, attributes, hooks. */
    private void attack(Path ws) throws Exception {
        Files.writeString(ws.resolve(".git/config"), HostileRepos.evilConfig(markers, decoy), StandardOpenOption.APPEND);
        Files.writeString(ws.resolve(".gitattributes"), "* filter=x\n");
        for (Path hooks : new Path[] {ws.resolve(".git/hooks"), markers.resolve("hooks")}) {
            Files.createDirectories(hooks);
            for (String name : new String[] {"pre-push", "pre-commit", "post-checkout", "reference-transaction"}) {
                Path hook = hooks.resolve(name);
                Files.writeString(hook, HostileRepos.hookScript(markers));
                Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
