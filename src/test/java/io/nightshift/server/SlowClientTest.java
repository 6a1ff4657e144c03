package io.nightshift.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clients that never read their event stream hold up neither the engine nor the other clients. */
@QuarkusTest
@TestProfile(ServerTestProfile.class)
class SlowClientTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void stalledReadersDoNotDelayTheRunOrAnotherClient() throws Exception {
        Http http = new Http(root.toString());
        String id = http.postJson("/pipelines", Map.of("dot", ServerLoad.gatedPipeline("slow", 400), "simulate", true)).json()
                .path("id").asText();
        http.awaitStatus(id, "waiting");
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(1024);
            s.connect(new java.net.InetSocketAddress(root.getHost(), root.getPort()));
            OutputStream out = s.getOutputStream();
            out.write(("GET /pipelines/" + id + "/events HTTP/1.1\r\nHost: " + root.getHost()
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stalled.add(s);
        }
        try (SseClient reader = SseClient.open(root + "pipelines/" + id + "/events", null)) {
            String qid = http.get("/pipelines/" + id + "/questions").json().get(0).path("id").asText();
            http.postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "G"));
            long last = http.awaitJson("/pipelines/" + id, j -> j.path("status").asText().equals("succeeded"),
                    Duration.ofSeconds(60)).path("last_event_id").asLong();
            List<SseClient.Event> events = reader.readAll();
            assertThat(events).extracting(SseClient.Event::id)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
            assertThat(last).isGreaterThan(1500);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }
}
