package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intake and {@code --push} over smart HTTP against git's own http-backend on loopback, with the token taken
 * from the environment: it opens the remote, and never shows up in a message, an outcome or a file we write.
 */
class HttpRemoteTest {

    private static final String TOKEN = "ghp_Nightshift0Test0Token0a1b2c3d4e5f";

    @TempDir
    Path tmp;

    LocalHttpGit server;
    Path remote;
    String url;

    @BeforeEach
    void serveABareRepositoryOverHttp() throws IOException {
        Path source = GitCli.sourceRepo(tmp);
        Path root = Files.createDirectories(tmp.resolve("served"));
        remote = root.resolve("remote.git");
        git(tmp, "clone", "-q", "--bare", source.toString(), remote.toString());
        server = LocalHttpGit.start(root, "x-access-token", TOKEN);
        url = server.url("remote.git");
    }

    @AfterEach
    void stopTheServer() {
        server.close();
    }

    private IntakeRequest intake(String token) {
        return IntakeRequest.of(url, "r", tmp.resolve("ws")).withEnv(Map.of("NIGHTSHIFT_GIT_TOKEN", token));
    }

    @Test
    void pushesTheRunBranchWithTheTokenFromTheEnvironmentAndWritesTheTokenNowhere() throws IOException {
        try (Workspace ws = Workspaces.intake(intake(TOKEN))) {
            write(ws.directory(), "a.txt", "a\n");
            ws.commit().stage("a", "A", 1).call();

            Deliverables delivered = ws.deliver(tmp.resolve("out"), true);

            assertThat(delivered.push()).isEqualTo(new PushOutcome.Pushed(url, "refs/heads/nightshift/r", ws.head()));
            assertThat(git(remote, "rev-parse", "nightshift/r").strip()).isEqualTo(ws.head());
            assertThat(delivered.toString()).doesNotContain(TOKEN);
            assertThat(ws.toString() + ws.source()).doesNotContain(TOKEN);
        }
        assertThat(server.requests).anyMatch(r -> r.startsWith("POST /remote.git/git-receive-pack"));
        assertThat(filesContaining(tmp.resolve("ws"), TOKEN)).isEmpty();
        assertThat(filesContaining(tmp.resolve("out"), TOKEN)).isEmpty();
    }

    @Test
    void aWrongTokenIsRejectedClearlyWithoutShowingIt() {
        String wrong = "ghp_WrongTokenWrongTokenWrongToken0000";

        assertThatThrownBy(() -> Workspaces.intake(intake(wrong)))
                .isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("the token was rejected")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(TOKEN);
        assertThat(tmp.resolve("ws")).doesNotExist();
    }

    @Test
    void aNonFastForwardPushIsReportedAndNothingIsForced() throws IOException {
        try (Workspace ws = Workspaces.intake(intake(TOKEN))) {
            write(ws.directory(), "a.txt", "a\n");
            ws.commit().stage("a", "A", 1).call();
            assertThat(ws.deliver(tmp.resolve("out"), true).push()).isInstanceOf(PushOutcome.Pushed.class);
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

            assertThat(push).isInstanceOfSatisfying(PushOutcome.Rejected.class, r -> {
                assertThat(r.target()).isEqualTo(url);
                assertThat(r.reason()).contains("REJECTED_NONFASTFORWARD", "nothing was forced").doesNotContain(TOKEN);
            });
            assertThat(git(remote, "rev-parse", "nightshift/r").strip()).isEqualTo(theirs);
        }
    }

    /** The files under {@code dir} whose bytes contain {@code secret}. */
    static java.util.List<Path> filesContaining(Path dir, String secret) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(secret);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
