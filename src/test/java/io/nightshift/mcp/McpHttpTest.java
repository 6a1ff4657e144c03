package io.nightshift.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.nightshift.server.ServerTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's {@code /mcp} endpoint, driven by the MCP SDK's own client over streamable HTTP. */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
@Tag("docker")
class McpHttpTest {

    @TestHTTPResource("/")
    URI root;

    @TempDir
    Path tmp;

    @Test
    void anAgentSubmitsAJobFollowsItsEventsAndAnswersItsGate() throws Exception {
        try (McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(root.toString())
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(60)).build()) {
            McpJobConversation.run(client, McpJobConversation.repository(tmp.resolve("repo")));
        }
    }

    @Test
    void whatIsNotAJsonRpcMessageGetsAJsonRpcErrorAndGetIsNotAllowed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(root.resolve("/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(McpJobConversation.JSON.readTree(garbage.body()).path("error").path("message").asText())
                .contains("JSON-RPC");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(root.resolve("/mcp")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    }
}
