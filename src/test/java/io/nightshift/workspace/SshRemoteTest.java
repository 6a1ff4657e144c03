package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static io.nightshift.workspace.GitCli.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ssh:// intake and push against a real OpenSSH server on loopback: the user's key and known_hosts from
 * {@code HOME}, or a key held by an ssh-agent; an unknown host or a refused key is a clear error.
 */
class SshRemoteTest {

    @TempDir
    Path tmp;

    LocalSshd sshd;
    Path remote;
    Path home;
    Path authorizedKey;
    String url;

    @BeforeEach
    void serveABareRepositoryOverSsh() throws Exception {
        LocalSshd.assumeInstalled();
        Path source = GitCli.sourceRepo(tmp);
        remote = tmp.resolve("remote.git");
        git(tmp, "clone", "-q", "--bare", source.toString(), remote.toString());
        authorizedKey = tmp.resolve("keys/authorized");
        Path pub = LocalSshd.keygen(authorizedKey);
        sshd = LocalSshd.start(tmp.resolve("sshd"), pub);
        url = sshd.url(remote);
        home = Files.createDirectories(tmp.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
    }

    @AfterEach
    void stopTheServer() throws InterruptedException {
        if (sshd != null) {
            sshd.close();
        }
    }

    private Map<String, String> env() {
        return Map.of("HOME", home.toString());
    }

    private void trustTheServer() throws IOException {
        Files.writeString(home.resolve(".ssh/known_hosts"), sshd.knownHostsLine());
    }

    @Test
    void clonesWithTheUsersKeyAndKnownHostsAndPushesTheRunBranchBack() throws Exception {
        trustTheServer();
        Files.copy(authorizedKey, home.resolve(".ssh/id_ed25519"));

        try (Workspace ws = Workspaces.intake(IntakeRequest.of(url, "r", tmp.resolve("ws")).withEnv(env()))) {
            assertThat(Files.readString(ws.directory().resolve("src/app.txt"))).isEqualTo("line 1\nline 2\nline 3\n");
            assertThat(ws.baseCommit()).isEqualTo(git(remote, "rev-parse", "main").strip());
            write(ws.directory(), "b.txt", "b\n");
            ws.commit().stage("b", "B", 1).call();

            PushOutcome push = ws.deliver(tmp.resolve("out"), true).push();

            assertThat(push).isEqualTo(new PushOutcome.Pushed(url, "refs/heads/nightshift/r", ws.head()));
            assertThat(git(remote, "rev-parse", "nightshift/r").strip()).isEqualTo(ws.head());
        }
    }

    @Test
    void aKeyHeldOnlyByTheSshAgentIsUsed() throws Exception {
        trustTheServer();
        try (LocalSshd.Agent agent = LocalSshd.Agent.start(tmp.resolve("agent.sock"), authorizedKey)) {
            Map<String, String> env = Map.of("HOME", home.toString(), "SSH_AUTH_SOCK", agent.socket.toString());

            try (Workspace ws = Workspaces.intake(IntakeRequest.of(url, "r", tmp.resolve("ws")).withEnv(env))) {
                assertThat(ws.directory().resolve("README.md")).hasContent("hello");
            }
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithHowToTrustIt() throws Exception {
        Files.copy(authorizedKey, home.resolve(".ssh/id_ed25519"));
        String privateKey = Files.readString(authorizedKey);

        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(url, "r", tmp.resolve("ws")).withEnv(env())))
                .isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("host key is not known")
                .hasMessageContaining(home.resolve(".ssh/known_hosts").toString())
                .hasMessageContaining("ssh-keyscan")
                .hasMessageNotContaining(privateKey.lines().skip(1).findFirst().orElseThrow());
        assertThat(tmp.resolve("ws")).doesNotExist();
        assertThat(home.resolve(".ssh/known_hosts")).doesNotExist();
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsReportedWithoutRetryingForever() throws Exception {
        trustTheServer();
        LocalSshd.keygen(home.resolve(".ssh/id_ed25519"));

        assertThatThrownBy(() -> Workspaces.intake(IntakeRequest.of(url, "r", tmp.resolve("ws")).withEnv(env())))
                .isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("refused every SSH key offered")
                .hasMessageContaining("ssh-add")
                .hasMessageNotContaining(Files.readString(home.resolve(".ssh/id_ed25519")).lines().skip(1)
                        .findFirst().orElseThrow());
        assertThat(tmp.resolve("ws")).doesNotExist();
    }
}
