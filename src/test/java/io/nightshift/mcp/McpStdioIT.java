package io.nightshift.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nightshift mcp} as an editor or agent starts it: the packaged application as a subprocess, spoken to by the
 * MCP SDK's own stdio client. The whole job conversation runs over it, and nothing but protocol reaches stdout (a
 * stray line there would break the client).
 */
@Tag("docker")
class McpStdioIT {

    @TempDir
    Path tmp;

    @Test
    void anAgentDrivesAJobThroughNightshiftMcpOnStdio() throws Exception {
        Path app = Path.of(System.getProperty("nightshift.app", "target/quarkus-app/quarkus-run.jar"));
        assertThat(app).as("integration tests run after 'mvn package'").exists();
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        ServerParameters server = ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString())
                .args(List.of("-jar", app.toAbsolutePath().toString(), "mcp"))
                .addEnvVar("NIGHTSHIFT_SERVER_RUNS_DIR", runs.toString())
                .addEnvVar("NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true")
                .addEnvVar("NO_COLOR", "1")
                .build();
        StdioClientTransport transport = new StdioClientTransport(server,
                new JacksonMcpJsonMapper(McpJobConversation.JSON));
        List<String> stderr = new CopyOnWriteArrayList<>();
        transport.setStdErrorHandler(stderr::add);
        String id;
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(120)).build()) {
            id = McpJobConversation.run(client, McpJobConversation.repository(tmp.resolve("repo")));
        }
        assertThat(runs.resolve(id).resolve("checkpoint.json")).as("the job ran in the configured runs directory")
                .exists();
        assertThat(String.join("\n", stderr)).as("what the server said on stderr").contains("MCP on stdin/stdout");
    }
}
