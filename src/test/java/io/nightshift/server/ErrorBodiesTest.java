package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Issue 16: every 4xx answers JSON with an {@code error} that says what was wrong, never an empty body. */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
class ErrorBodiesTest {

    @TestHTTPResource("/")
    URL root;

    private Http http() {
        return new Http(root.toString());
    }

    private static void assertError(Http.Reply r, int status, String... words) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().path("error").asText()).as(r.body()).isNotBlank().contains(words);
    }

    @Test
    void aMalformedJobBodySaysWhereTheJsonBroke() {
        assertError(http().post("/jobs", "application/json", "{\"goal\": \"x\", "), 400, "not the JSON expected",
                "line 1");
        assertError(http().post("/pipelines", "application/json", "{\"dot\": [1, 2]}"), 400, "field 'dot'");
    }

    @Test
    void aQueryParameterThatIsNotANumberIsABadRequestNamingIt() {
        assertError(http().get("/pipelines?offset=abc"), 400, "'offset'", "'abc'");
        assertError(http().get("/pipelines?limit=1.5"), 400, "'limit'");
    }

    @Test
    void unknownPathsWrongMethodsAndWrongContentTypesAnswerJson() {
        assertError(http().get("/nothing-here"), 404, "GET /nothing-here");
        assertError(http().get("/jobs/no-such-job"), 404, "no-such-job");
        assertError(http().send(http().request("/jobs/x").DELETE().build()), 405, "DELETE /jobs/x");
        assertError(http().post("/jobs", "application/xml", "<job/>"), 415, "application/xml");
        assertError(http().send(http().request("/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build()), 400, "JSON job");
    }
}
