package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift serve} as a user starts it: restart-and-resume, and the bind/token rules. */
class ServeIT {

    @TempDir
    Path work;

    private static Path repoRoot() {
        return Path.of("").toAbsolutePath();
    }

    @Test
    void runStoppedWithTheServiceIsListedAsInterruptedAndResumesToTheEnd() throws Exception {
        Map<String, String> env = Map.of("NIGHTSHIFT_SERVER_RUNS_DIR", work.resolve("runs").toString(),
                "NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true");
        String id;
        try (ServeProcess first = ServeProcess.start(repoRoot(), env).awaitReady()) {
            Http http = new Http(first.base());
            Http.Reply r = http.postJson("/pipelines", Map.of("dot", Pipelines.reviewGate(), "simulate", true));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            id = r.json().path("id").asText();
            http.awaitStatus(id, "waiting");
            first.stop();
        }
        try (ServeProcess second = ServeProcess.start(repoRoot(), env).awaitReady()) {
            Http http = new Http(second.base());
            JsonNode listed = http.get("/pipelines").json().path("runs");
            assertThat(listed).anySatisfy(run -> {
                assertThat(run.path("id").asText()).isEqualTo(id);
                assertThat(run.path("status").asText()).isEqualTo("interrupted");
            });
            assertThat(http.get("/pipelines/" + id).json().path("completed_nodes").toString()).contains("implement");

            Http.Reply resumed = http.postJson("/pipelines/" + id + "/resume", Map.of());
            assertThat(resumed.status()).as(resumed.body()).isEqualTo(202);
            http.awaitStatus(id, "waiting");
            String qid = http.get("/pipelines/" + id + "/questions").json().get(0).path("id").asText();
            assertThat(http.postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "A"))
                    .status()).isEqualTo(200);
            JsonNode done = http.awaitStatus(id, "succeeded");
            assertThat(done.path("completed_nodes").toString()).contains("implement", "ship_it");
            assertThat(http.postJson("/pipelines/" + id + "/resume", Map.of()).status()).isEqualTo(409);

            try (SseClient sse = SseClient.open(second.base() + "/pipelines/" + id + "/events", null)) {
                List<SseClient.Event> all = sse.readAll();
                assertThat(all).extracting(SseClient.Event::id).isSorted().doesNotHaveDuplicates();
                assertThat(all.get(0).id()).isEqualTo(1);
                assertThat(all).extracting(SseClient.Event::type).contains("pipeline_started", "pipeline_resumed");
                assertThat(all.get(all.size() - 1).type()).isEqualTo("pipeline_completed");
            }
        }
    }

    @Test
    void refusesToServeOnANonLoopbackAddressWithoutTokens() throws Exception {
        try (ServeProcess p = ServeProcess.start(repoRoot(), Map.of("NIGHTSHIFT_SERVER_RUNS_DIR",
                work.resolve("runs").toString()), "--host", "0.0.0.0")) {
            assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.process.exitValue()).isEqualTo(2);
            assertThat(p.err()).contains("refusing to serve on 0.0.0.0", "NIGHTSHIFT_TOKENS");
            assertThat(p.out()).doesNotContain("serving on");
        }
    }

    @Test
    void withTokensEveryEndpointButHealthDemandsOne() throws Exception {
        try (ServeProcess p = ServeProcess.start(repoRoot(), Map.of("NIGHTSHIFT_SERVER_RUNS_DIR",
                work.resolve("runs").toString(), "NIGHTSHIFT_TOKENS", "s3cret,other",
                "NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true"), "--host", "0.0.0.0")
                .awaitReady()) {
            assertThat(p.out()).contains("bearer tokens required");
            Http anonymous = new Http(p.base());
            Http wrong = new Http(p.base(), "guess");
            Http ok = new Http(p.base(), "other");
            for (String path : List.of("/", "/index.html", "/pipelines", "/pipelines/x/events", "/pipelines/x/graph",
                    "/jobs/x", "/q/metrics", "/q/openapi")) {
                assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
                assertThat(wrong.get(path).status()).as(path).isEqualTo(401);
                assertThat(ok.get(path).status()).as(path).isNotEqualTo(401);
            }
            assertThat(anonymous.postJson("/pipelines", Map.of("dot", Pipelines.linear("x", 1), "simulate", true)).status())
                    .isEqualTo(401);
            Http.Reply created = ok.postJson("/pipelines", Map.of("dot", Pipelines.linear("x", 1), "simulate", true));
            assertThat(created.status()).isEqualTo(201);
            ok.awaitStatus(created.json().path("id").asText(), "succeeded");
            assertThat(anonymous.get("/q/health").status()).isEqualTo(200);
            assertThat(anonymous.get("/q/health").body()).contains("UP");
        }
        assertThat(Files.isDirectory(work.resolve("runs"))).isTrue();
    }
}
