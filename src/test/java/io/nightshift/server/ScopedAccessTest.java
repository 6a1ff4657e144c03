package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, scoped access: tokens have an owner and a role; a token reads and cancels only its owner's runs unless it
 * is an admin's; a read token cannot submit or cancel; a plain token keeps doing everything.
 */
@QuarkusTest
@TestProfile(ScopedTokensTestProfile.class)
class ScopedAccessTest {

    @TestHTTPResource("/")
    URL root;

    private Http as(String token) {
        return new Http(root.toString(), token);
    }

    private String submitGate(String token) {
        Http.Reply r = as(token).postJson("/pipelines", Map.of("dot", Pipelines.reviewGate(), "simulate", true));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    private static List<String> ids(Http.Reply list) {
        List<String> out = new ArrayList<>();
        list.json().path("runs").forEach(n -> out.add(n.path("id").asText()));
        return out;
    }

    @Test
    void aTokenSeesAndCancelsOnlyItsOwnersRuns() {
        String alices = submitGate(ScopedTokensTestProfile.ALICE);
        String bobs = submitGate(ScopedTokensTestProfile.BOB);

        assertThat(as(ScopedTokensTestProfile.ALICE).get("/pipelines/" + alices).status()).isEqualTo(200);
        Http.Reply foreign = as(ScopedTokensTestProfile.ALICE).get("/pipelines/" + bobs);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().path("error").asText()).contains("only its owner's runs");
        assertThat(as(ScopedTokensTestProfile.ALICE).get("/pipelines/" + bobs + "/events").status()).isEqualTo(404);
        assertThat(as(ScopedTokensTestProfile.ALICE).postJson("/pipelines/" + bobs + "/cancel", Map.of()).status())
                .isEqualTo(404);
        assertThat(ids(as(ScopedTokensTestProfile.ALICE).get("/pipelines"))).contains(alices).doesNotContain(bobs);

        // the reader of alice's runs sees them, not bob's, and cannot act
        Http reader = as(ScopedTokensTestProfile.ALICE_READER);
        assertThat(reader.get("/pipelines/" + alices).status()).isEqualTo(200);
        assertThat(ids(reader.get("/pipelines"))).contains(alices).doesNotContain(bobs);
        Http.Reply readerCancels = reader.postJson("/pipelines/" + alices + "/cancel", Map.of());
        assertThat(readerCancels.status()).isEqualTo(403);
        assertThat(readerCancels.json().path("error").asText()).contains("role submit or admin");
        assertThat(reader.postJson("/pipelines", Map.of("dot", Pipelines.reviewGate(), "simulate", true)).status())
                .isEqualTo(403);

        // bob cancels his own; the admin sees both and cancels alice's
        assertThat(as(ScopedTokensTestProfile.BOB).postJson("/pipelines/" + bobs + "/cancel", Map.of()).status())
                .isEqualTo(202);
        Http ops = as(ScopedTokensTestProfile.OPS);
        assertThat(ids(ops.get("/pipelines"))).contains(alices, bobs);
        assertThat(ops.postJson("/pipelines/" + alices + "/cancel", Map.of()).status()).isEqualTo(202);
        JsonNode cancelled = ops.awaitStatus(alices, "cancelled");
        assertThat(cancelled.path("id").asText()).isEqualTo(alices);
    }

    @Test
    void aPlainTokenStillDoesEverythingAndNoTokenDoesNothing() {
        String bobs = submitGate(ScopedTokensTestProfile.BOB);
        assertThat(as(ScopedTokensTestProfile.PLAIN).get("/pipelines/" + bobs).status()).isEqualTo(200);
        assertThat(as(ScopedTokensTestProfile.PLAIN).postJson("/pipelines/" + bobs + "/cancel", Map.of()).status())
                .isEqualTo(202);
        Http.Reply anonymous = as(null).get("/pipelines/" + bobs);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("error").asText()).contains("bearer token");
        assertThat(as("alice:submit:" + ScopedTokensTestProfile.ALICE).get("/pipelines").status())
                .as("the configured entry is not itself a token").isEqualTo(401);
    }
}
