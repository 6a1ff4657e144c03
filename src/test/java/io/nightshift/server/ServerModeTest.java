package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attractor server mode (attractor-spec 9.5) over real HTTP: submit, status, SSE, questions, cancel, files. */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
class ServerModeTest {

    @TestHTTPResource("/")
    URL root;

    private Http http() {
        return new Http(root.toString());
    }

    private String submit(String dot) {
        Http.Reply r = http().postJson("/pipelines", Map.of("dot", dot, "simulate", true));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asText();
        assertThat(r.header("Location")).endsWith("/pipelines/" + id);
        return id;
    }

    @Test
    void submittedPipelineRunsToSuccessAndReportsItsStagesAndRunDirectory() {
        String id = submit(Pipelines.linear("three", 3));
        JsonNode status = http().awaitStatus(id, "succeeded");
        assertThat(status.path("completed_nodes").toString()).contains("s1", "s2", "s3");
        assertThat(status.path("run_directory").asText()).endsWith(id);
        assertThat(status.path("started_at").asText()).isNotEmpty();
        assertThat(status.path("finished_at").asText()).isNotEmpty();
        assertThat(status.path("stage_durations_ms").has("s3")).isTrue();
        assertThat(http().get("/pipelines/" + id + "/checkpoint").json().path("completed_nodes").toString())
                .contains("s3");
        assertThat(http().get("/pipelines/" + id + "/context").json().has("graph.goal")).isTrue();
    }

    @Test
    void rawDotBodyIsAcceptedWithTheGraphvizContentType() {
        Http.Reply r = http().post("/pipelines?simulate=true", "text/vnd.graphviz", Pipelines.linear("raw", 1));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode status = http().awaitStatus(r.json().path("id").asText(), "succeeded");
        assertThat(status.path("simulated").asBoolean()).isTrue();
    }

    @Test
    void lateSubscriberGetsTheWholeHistoryInOrderAndTheStreamEnds() throws Exception {
        String id = submit(Pipelines.linear("late", 4));
        long last = http().awaitStatus(id, "succeeded").path("last_event_id").asLong();
        try (SseClient sse = SseClient.open(root + "pipelines/" + id + "/events", null)) {
            List<SseClient.Event> events = sse.readAll();
            assertThat(events).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
            assertThat(events.get(0).type()).isEqualTo("pipeline_started");
            assertThat(events.get(events.size() - 1).type()).isEqualTo("pipeline_completed");
            assertThat(events).allSatisfy(e -> assertThat(e.data().path("seq").asLong()).isEqualTo(e.id()));
        }
    }

    @Test
    void humanGateIsAnsweredOverHttpAndRoutesThePipeline() throws Exception {
        String id = submit(Pipelines.reviewGate());
        http().awaitStatus(id, "waiting");
        JsonNode questions = http().get("/pipelines/" + id + "/questions").json();
        assertThat(questions).hasSize(1);
        JsonNode q = questions.get(0);
        assertThat(q.path("stage").asText()).isEqualTo("review_gate");
        assertThat(q.path("valid_keys").toString()).contains("\"A\"", "\"F\"");

        Http.Reply wrong = http().postJson("/pipelines/" + id + "/questions/" + q.path("id").asText() + "/answer",
                Map.of("value", "Z"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("valid_keys").toString()).contains("A", "F");
        assertThat(wrong.json().path("error").asText()).contains("'Z'");

        Http.Reply ok = http().postJson("/pipelines/" + id + "/questions/" + q.path("id").asText() + "/answer",
                Map.of("value", "A"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode done = http().awaitStatus(id, "succeeded");
        assertThat(done.path("completed_nodes").toString()).contains("ship_it").doesNotContain("fixes");
        assertThat(http().get("/pipelines/" + id + "/questions").json()).isEmpty();
        assertThat(http().get("/pipelines/" + id + "/context").json().path("human.gate.selected").asText())
                .isEqualTo("A");
    }

    @Test
    void reconnectWithLastEventIdResumesRightAfterTheLastEventSeen() throws Exception {
        String id = submit(Pipelines.reviewGate());
        String url = root + "pipelines/" + id + "/events";
        long seen;
        try (SseClient first = SseClient.open(url, null)) {
            List<SseClient.Event> before = first.readUntil(e -> e.type().equals("interview_started"));
            seen = before.get(before.size() - 1).id();
            assertThat(before).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, seen).boxed().toList());
        }
        String qid = http().awaitJson("/pipelines/" + id + "/questions", j -> j.size() == 1, Duration.ofSeconds(10))
                .get(0).path("id").asText();
        http().postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "F"));
        try (SseClient again = SseClient.open(url, Long.toString(seen))) {
            List<SseClient.Event> after = again.readUntil(e -> e.type().equals("interview_started"));
            assertThat(after.get(0).id()).isEqualTo(seen + 1);
            assertThat(after.get(0).type()).isEqualTo("interview_completed");
            assertThat(after).extracting(SseClient.Event::id).doesNotHaveDuplicates().isSorted();
            assertThat(after).extracting(SseClient.Event::type).contains("stage_started");
        }
        http().postJson("/pipelines/" + id + "/cancel", Map.of());
        http().awaitStatus(id, "cancelled");
    }

    @Test
    void idleStreamsCarryHeartbeats() throws Exception {
        String id = submit(Pipelines.reviewGate());
        http().awaitStatus(id, "waiting");
        try (SseClient sse = SseClient.open(root + "pipelines/" + id + "/events", null)) {
            sse.readUntil(e -> e.type().equals("interview_started"));
            Thread.sleep(2500);
            http().postJson("/pipelines/" + id + "/cancel", Map.of());
            List<SseClient.Event> rest = sse.readAll();
            assertThat(rest.get(rest.size() - 1).type()).isEqualTo("pipeline_cancelled");
            assertThat(sse.heartbeats()).isPositive();
        }
    }

    @Test
    void cancelStopsAWaitingRunAndEndsItsStream() throws Exception {
        String id = submit(Pipelines.reviewGate());
        http().awaitStatus(id, "waiting");
        try (SseClient sse = SseClient.open(root + "pipelines/" + id + "/events", null)) {
            Http.Reply r = http().postJson("/pipelines/" + id + "/cancel", Map.of());
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            List<SseClient.Event> events = sse.readAll();
            assertThat(events.get(events.size() - 1).type()).isEqualTo("pipeline_cancelled");
        }
        http().awaitStatus(id, "cancelled");
        assertThat(http().postJson("/pipelines/" + id + "/cancel", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aCancelledRunsLastEventsReachFileAndStreamAndItsResumeContinuesTheSequence() throws Exception {
        String id = submit(Pipelines.reviewGate());
        String url = root + "pipelines/" + id + "/events";
        http().awaitStatus(id, "waiting");
        List<SseClient.Event> untilCancel;
        try (SseClient sse = SseClient.open(url, null)) {
            sse.readUntil(e -> e.type().equals("interview_started"));
            http().postJson("/pipelines/" + id + "/cancel", Map.of());
            untilCancel = sse.readAll(); // the stream ends after the run's final event
        }
        JsonNode cancelled = http().awaitStatus(id, "cancelled");
        long lastBeforeResume = cancelled.path("last_event_id").asLong();
        assertThat(untilCancel.get(untilCancel.size() - 1).type()).isEqualTo("pipeline_cancelled");
        assertThat(untilCancel.get(untilCancel.size() - 1).id()).as("the stream ends at the run's last event")
                .isEqualTo(lastBeforeResume);
        java.nio.file.Path eventsFile = java.nio.file.Path.of(cancelled.path("run_directory").asText(),
                "events.jsonl");
        assertThat(seqs(eventsFile)).as("events.jsonl holds every event up to the cancel")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, lastBeforeResume).boxed()
                        .toList());
        assertThat(java.nio.file.Files.readAllLines(eventsFile).getLast()).contains("pipeline_cancelled");

        assertThat(http().postJson("/pipelines/" + id + "/resume", Map.of()).status()).isEqualTo(202);
        try (SseClient resumed = SseClient.open(url, Long.toString(lastBeforeResume))) {
            List<SseClient.Event> next = resumed.readUntil(e -> e.type().equals("interview_started"));
            assertThat(next.get(0).id()).as("no gap, no reuse").isEqualTo(lastBeforeResume + 1);
            assertThat(next).extracting(SseClient.Event::type).contains("pipeline_resumed");
            String qid = http().awaitJson("/pipelines/" + id + "/questions", j -> j.size() == 1,
                    Duration.ofSeconds(30)).get(0).path("id").asText();
            http().postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "A"));
            List<SseClient.Event> rest = resumed.readAll();
            assertThat(rest.get(rest.size() - 1).type()).isEqualTo("pipeline_completed");
        }
        long last = http().awaitStatus(id, "succeeded").path("last_event_id").asLong();
        List<Long> all = java.util.stream.LongStream.rangeClosed(1, last).boxed().toList();
        try (SseClient whole = SseClient.open(url, null)) {
            assertThat(whole.readAll()).extracting(SseClient.Event::id).as("a new subscriber sees both runs' events")
                    .containsExactlyElementsOf(all);
        }
        assertThat(seqs(eventsFile)).containsExactlyElementsOf(all);
    }

    private static List<Long> seqs(java.nio.file.Path eventsFile) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Long> out = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(eventsFile)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line).path("seq").asLong());
            }
        }
        return out;
    }

    @Test
    void invalidPipelineAnswers400WithTheValidateJsonDiagnostics() {
        Http.Reply syntax = http().postJson("/pipelines", Map.of("dot", "digraph broken { a -> }"));
        assertThat(syntax.status()).isEqualTo(400);
        assertThat(syntax.json().path("valid").asBoolean(true)).isFalse();
        assertThat(syntax.json().path("diagnostics").get(0).path("rule").asText()).isEqualTo("syntax");

        Http.Reply noStart = http().postJson("/pipelines", Map.of("dot", "digraph g { a -> b }"));
        assertThat(noStart.status()).isEqualTo(400);
        JsonNode d = noStart.json().path("diagnostics");
        assertThat(d.isArray()).isTrue();
        assertThat(d.toString()).contains("start");
        assertThat(d.get(0).has("severity")).isTrue();
        assertThat(d.get(0).has("line")).isTrue();

        assertThat(http().postJson("/pipelines", Map.of("simulate", true)).status()).isEqualTo(400);
    }

    @Test
    void unknownIdsAnswer404() {
        assertThat(http().get("/pipelines/no-such-run").status()).isEqualTo(404);
        assertThat(http().get("/pipelines/no-such-run/events").status()).isEqualTo(404);
        assertThat(http().get("/pipelines/no-such-run/questions").status()).isEqualTo(404);
        assertThat(http().get("/pipelines/no-such-run/graph").status()).isEqualTo(404);
        assertThat(http().postJson("/pipelines/no-such-run/cancel", Map.of()).status()).isEqualTo(404);
        String id = submit(Pipelines.linear("ids", 1));
        Http.Reply q = http().postJson("/pipelines/" + id + "/questions/nope/answer", Map.of("value", "A"));
        assertThat(q.status()).isEqualTo(404);
        assertThat(q.json().path("error").asText()).contains("nope");
        assertThat(http().get("/pipelines/" + id + "/files/s1/../../etc").status()).isEqualTo(404);
    }

    @Test
    void oversizedDotAnswers413() {
        String big = "digraph big { start [shape=Mdiamond] exit [shape=Msquare] start -> exit /* "
                + "x".repeat(70_000) + " */ }";
        assertThat(http().postJson("/pipelines", Map.of("dot", big)).status()).isEqualTo(413);
        assertThat(http().post("/pipelines", "text/vnd.graphviz", big).status()).isEqualTo(413);
        String huge = "x".repeat(5 * 1024 * 1024);
        Http.Reply tooLarge = http().send(http().request("/pipelines").header("Content-Type", "text/vnd.graphviz")
                .expectContinue(true).version(java.net.http.HttpClient.Version.HTTP_1_1).POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge)).build());
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void listPagesNewestFirst() {
        String a = submit(Pipelines.linear("page_a", 1));
        String b = submit(Pipelines.linear("page_b", 1));
        JsonNode first = http().get("/pipelines?offset=0&limit=1").json();
        assertThat(first.path("runs")).hasSize(1);
        assertThat(first.path("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(first.path("runs").get(0).path("id").asText()).isEqualTo(b);
        JsonNode second = http().get("/pipelines?offset=1&limit=1").json();
        assertThat(second.path("runs").get(0).path("id").asText()).isEqualTo(a);
    }

    @Test
    void theListFiltersByStatusAndPipelineAndNamesAnUnknownStatus() {
        String done = submit(Pipelines.linear("filter_done", 1));
        String waiting = submit(Pipelines.reviewGate());
        http().awaitStatus(done, "succeeded");
        http().awaitStatus(waiting, "waiting");

        JsonNode byPipeline = http().get("/pipelines?pipeline=filter_done").json();
        assertThat(byPipeline.path("total").asInt()).isEqualTo(1);
        assertThat(byPipeline.path("runs").get(0).path("id").asText()).isEqualTo(done);
        assertThat(byPipeline.path("runs").get(0).path("pipeline").asText()).isEqualTo("filter_done");
        JsonNode waitingGates = http().get("/pipelines?status=waiting&pipeline=review_gate&limit=500").json();
        assertThat(waitingGates.path("runs").findValuesAsText("id")).contains(waiting).doesNotContain(done);
        assertThat(waitingGates.path("runs").findValuesAsText("status")).containsOnly("waiting");
        assertThat(http().get("/pipelines?status=succeeded&pipeline=review_gate&limit=500").json()
                .path("runs").findValuesAsText("id")).doesNotContain(waiting);
        assertThat(http().get("/pipelines?suite=no_such_suite").json().path("total").asInt()).isZero();

        Http.Reply bad = http().get("/pipelines?status=finished");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).contains("'status'", "'finished'", "succeeded", "waiting");
        http().postJson("/pipelines/" + waiting + "/cancel", Map.of());
    }

    @Test
    void graphDotCarriesEachStagesStateForTheBrowserToDraw() {
        String id = submit(Pipelines.linear("dotted", 2));
        http().awaitStatus(id, "succeeded");
        Http.Reply dot = http().get("/pipelines/" + id + "/graph.dot");
        assertThat(dot.status()).as(dot.body()).isEqualTo(200);
        assertThat(dot.header("Content-Type")).startsWith("text/vnd.graphviz");
        assertThat(dot.body()).startsWith("digraph").contains("id=\"node_s1\"", "class=\"state_succeeded\"");
        assertThat(http().get("/pipelines/no-such-run/graph.dot").status()).isEqualTo(404);
    }

    @Test
    void graphIsSvgWithStageStatesColoured() {
        String id = submit(Pipelines.linear("drawn", 2));
        http().awaitStatus(id, "succeeded");
        Http.Reply svg = http().get("/pipelines/" + id + "/graph");
        if (svg.status() == 503) {
            assertThat(svg.body()).contains("Graphviz");
            return;
        }
        assertThat(svg.status()).as(svg.body()).isEqualTo(200);
        assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg", "node_s1", "state_succeeded", "#b7e4c7");
    }

    @Test
    void stageFilesAreListedAndReadable() {
        String id = submit(Pipelines.linear("files", 1));
        http().awaitStatus(id, "succeeded");
        JsonNode files = http().get("/pipelines/" + id + "/files").json();
        assertThat(files.toString()).contains("\"stage\":\"s1\"", "status.json");
        Http.Reply status = http().get("/pipelines/" + id + "/files/s1/status.json");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).contains("outcome");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        submit(Pipelines.linear("metered", 1));
        assertThat(http().get("/q/health").body()).contains("UP");
        String id = submit(Pipelines.linear("metered2", 1));
        http().awaitStatus(id, "succeeded");
        // stage durations arrive through the pipeline-events messaging channel, asynchronously
        String metrics = "";
        for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until
                && !metrics.contains("nightshift_stage_duration_seconds"); ) {
            metrics = http().get("/q/metrics").body();
        }
        assertThat(metrics).contains("nightshift_runs{", "status=\"succeeded\"", "nightshift_queue_depth",
                "nightshift_stage_duration_seconds");
        assertThat(http().get("/q/openapi").body()).contains("/pipelines/{id}/events", "/jobs");
    }
}
