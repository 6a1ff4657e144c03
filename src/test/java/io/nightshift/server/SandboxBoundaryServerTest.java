package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, items 4 and 9, over HTTP: a stage file that is a link to a host file is not served, and a caller
 * cannot make the service run tool commands unisolated ({@code "sandbox": "local"}) unless the operator allowed
 * it. This profile has no tokens and leaves local execution off, as a default installation does.
 */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
class SandboxBoundaryServerTest {

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path tmp;

    private Http http() {
        return new Http(root.toString());
    }

    @Test
    void aJobAskingForTheLocalSandboxIsRefusedAndRunsNothing() throws Exception {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        io.nightshift.workspace.GitCli.run(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("README.md"), "x\n");
        io.nightshift.workspace.GitCli.run(repo, "add", "-A");
        io.nightshift.workspace.GitCli.run(repo, "-c", "user.name=T", "-c", "user.email=t@localhost", "commit", "-q",
                "-m", "initial");
        Path marker = tmp.resolve("ran-on-the-host");
        String dot = "digraph evil {\n start [shape=Mdiamond]\n exit [shape=Msquare]\n"
                + " evil [shape=parallelogram, tool_command=\"touch " + marker + "\"]\n start -> evil -> exit\n}\n";

        Http.Reply refused = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "Touch a file", "dot", dot, "sandbox", "local"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error").asText()).contains("nightshift.server.allow-local-sandbox=true")
                .contains("nightshift.server.tokens").contains("\"docker\"");
        Http.Reply unknown = http().postJson("/jobs", Map.of("repository", Map.of("path", repo.toString()),
                "goal", "Touch a file", "dot", dot, "sandbox", "host"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(marker).doesNotExist();
    }

    @Test
    @Timeout(120) // a hang guard: serving a FIFO would block
    void aStageFileThatLinksToAHostFileIsNeitherListedNorServed() throws Exception {
        Path shadow = Files.writeString(tmp.resolve("shadow"), "root:$6$host-secret-hash:19000:0:99999:7:::\n");
        String dot = "digraph d {\n start [shape=Mdiamond]\n exit [shape=Msquare]\n work [label=\"Work\"]\n"
                + " start -> work -> exit\n}\n";
        String id = http().postJson("/pipelines", Map.of("dot", dot, "simulate", true)).json().path("id").asText();
        http().awaitStatus(id, "succeeded");
        Path stage = ServerTestProfile.RUNS.resolve(id).resolve("work");
        assertThat(stage.resolve("status.json")).exists();
        Files.createSymbolicLink(stage.resolve("x.txt"), shadow);
        Path fifo = stage.resolve("pipe.txt");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        Http.Reply linked = http().get("/pipelines/" + id + "/files/work/x.txt");
        Http.Reply piped = http().get("/pipelines/" + id + "/files/work/pipe.txt");
        Http.Reply listing = http().get("/pipelines/" + id + "/files");
        Http.Reply status = http().get("/pipelines/" + id + "/files/work/status.json");

        assertThat(linked.status()).isEqualTo(404);
        assertThat(linked.body()).doesNotContain("host-secret-hash");
        assertThat(piped.status()).isEqualTo(404);
        assertThat(listing.body()).contains("status.json").doesNotContain("x.txt").doesNotContain("pipe.txt");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains("\"outcome\"");
    }
}
