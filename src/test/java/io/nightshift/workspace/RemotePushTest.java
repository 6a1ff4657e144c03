package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real remote: a bare repository served by {@code git daemon} over git://, which is not a local source. */
class RemotePushTest {

    @TempDir
    Path tmp;

    Process daemon;
    Path remote;
    String url;

    @BeforeEach
    void serveABareRepository() throws IOException, InterruptedException {
        Path source = GitCli.sourceRepo(tmp);
        remote = tmp.resolve("remote.git");
        git(tmp, "clone", "-q", "--bare", source.toString(), remote.toString());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--listen=127.0.0.1", "--port=" + port, "--base-path=" + tmp, tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile()).start();
        url = "git://127.0.0.1:" + port + "/remote.git";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !daemon.isAlive()) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterEach
    void stopTheDaemon() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly().waitFor();
        }
    }

    @Test
    void pushesToARemoteOnlyWhenAskedAndReportsARejection() throws IOException {
        try (Workspace ws = Workspaces.intake(IntakeRequest.of(url, "r", tmp.resolve("ws")))) {
            write(ws.directory(), "a.txt", "a\n");
            ws.commit().stage("a", "A", 1).call();

            assertThat(ws.deliver(tmp.resolve("out"), false).push()).isInstanceOf(PushOutcome.Skipped.class);
            assertThat(GitCli.run(remote, "rev-parse", "--verify", "-q", "refs/heads/nightshift/r").exit()).isNotZero();

            assertThat(ws.deliver(tmp.resolve("out"), true).push())
                    .isEqualTo(new PushOutcome.Pushed(url, "refs/heads/nightshift/r", ws.head()));
            assertThat(git(remote, "rev-parse", "nightshift/r").strip()).isEqualTo(ws.head());

            Path other = tmp.resolve("other");
            git(tmp, "clone", "-q", remote.toString(), other.toString());
            git(other, "checkout", "-q", "nightshift/r");
            write(other, "theirs.txt", "someone else\n");
            git(other, "add", "-A");
            git(other, "commit", "-q", "-m", "someone else's commit");
            git(other, "push", "-q", "origin", "nightshift/r");
            String theirs = git(other, "rev-parse", "HEAD").strip();

            write(ws.directory(), "b.txt", "b\n");
            ws.commit().stage("b", "B", 1).call();
            PushOutcome push = ws.deliver(tmp.resolve("out"), true).push();
            assertThat(push).isInstanceOfSatisfying(PushOutcome.Rejected.class,
                    r -> assertThat(r.reason()).contains("nothing was forced"));
            assertThat(git(remote, "rev-parse", "nightshift/r").strip()).isEqualTo(theirs);
        }
    }
}
