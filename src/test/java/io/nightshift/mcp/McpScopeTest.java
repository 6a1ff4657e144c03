package io.nightshift.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.nightshift.server.ScopedTokensTestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's scoped access over MCP: the tools see the caller the service authenticated, so a team's token lists,
 * reads, follows and cancels only its own runs (another team's run is unknown to it), a read token cannot act, and
 * an admin's token reaches every run; driven by the MCP SDK's client over streamable HTTP.
 */
@QuarkusTest
@TestProfile(ScopedTokensTestProfile.class)
class McpScopeTest {

    private static final String GATE = """
            digraph scoped {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                ask   [shape=hexagon, label="Ship?"]
                start -> ask
                ask -> exit [label="[S] Ship"]
            }
            """;

    @TestHTTPResource("/")
    URI root;

    private McpSyncClient as(String token) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(root.toString()).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .requestTimeout(Duration.ofSeconds(60)).build();
    }

    /** Submitted over REST by the owner of {@code token}. */
    private String submitGate(String token) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(root.resolve("/pipelines"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(McpJobConversation.JSON.writeValueAsString(
                        Map.of("dot", GATE, "simulate", true)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return McpJobConversation.JSON.readTree(r.body()).path("id").asText();
    }

    private static List<String> listed(McpSyncClient client) throws Exception {
        List<String> ids = new ArrayList<>();
        McpJobConversation.call(client, "list_runs", Map.of("limit", 1000)).path("runs")
                .forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void teamACannotSeeFollowOrCancelTeamBsRunOverMcp() throws Exception {
        String alices = submitGate(ScopedTokensTestProfile.ALICE);
        String bobs = submitGate(ScopedTokensTestProfile.BOB);

        try (McpSyncClient alice = as(ScopedTokensTestProfile.ALICE)) {
            alice.initialize();
            assertThat(listed(alice)).contains(alices).doesNotContain(bobs);
            assertThat(McpJobConversation.call(alice, "get_run", Map.of("id", alices)).path("id").asText())
                    .isEqualTo(alices);
            for (String tool : List.of("get_run", "read_events", "cancel_run")) {
                assertThat(McpJobConversation.refusal(alice, tool, Map.of("id", bobs))).as(tool)
                        .contains("no pipeline run with id '" + bobs + "'");
            }
            assertThat(McpJobConversation.refusal(alice, "answer_question", Map.of("id", bobs, "question_id", "q1",
                    "value", "S"))).contains("no pipeline run with id '" + bobs + "'");
        }
        try (McpSyncClient reader = as(ScopedTokensTestProfile.ALICE_READER)) {
            reader.initialize();
            assertThat(listed(reader)).contains(alices).doesNotContain(bobs);
            assertThat(McpJobConversation.refusal(reader, "cancel_run", Map.of("id", alices)))
                    .contains("role read", "role submit or admin");
        }
        try (McpSyncClient bob = as(ScopedTokensTestProfile.BOB)) {
            bob.initialize();
            JsonNode status = McpJobConversation.call(bob, "get_run", Map.of("id", bobs));
            assertThat(status.path("status").asText()).as("alice's cancel did not reach it").isNotEqualTo("cancelled");
            assertThat(McpJobConversation.call(bob, "cancel_run", Map.of("id", bobs)).path("canceled").asBoolean())
                    .isTrue();
        }
        try (McpSyncClient ops = as(ScopedTokensTestProfile.OPS)) {
            ops.initialize();
            assertThat(listed(ops)).contains(alices, bobs);
            assertThat(McpJobConversation.call(ops, "cancel_run", Map.of("id", alices)).path("canceled").asBoolean())
                    .isTrue();
        }
    }
}
