package io.nightshift.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A bounded load scenario against a loopback service: {@code pipelines} simulated runs, each held at a human gate
 * while {@code clients} SSE clients connect (spread over the runs), then all gates answered at once so the bulk
 * of the events flows live. Checks that every client got every event of its run, in order, and measures delivery
 * throughput and latency (event timestamp to client receipt).
 */
public final class ServerLoad {

    /** What the scenario saw. {@code complete} is false with {@code problems} listing what went missing. */
    public record Result(int pipelines, int clients, long eventsPerRun, long deliveries, double seconds,
            double eventsPerSecond, double p50Ms, double p99Ms, double maxMs, List<String> problems) {
        public boolean complete() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return String.format("%d pipelines, %d SSE clients: %d live deliveries in %.2f s = %.0f events/s; "
                    + "latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; %s", pipelines, clients, deliveries, seconds,
                    eventsPerSecond, p50Ms, p99Ms, maxMs, problems.isEmpty() ? "no event lost or out of order"
                            : problems.size() + " problem(s): " + problems.subList(0, Math.min(5, problems.size())));
        }
    }

    private record Received(long id, String type, Instant timestamp, Instant receivedAt) {
    }

    private ServerLoad() {
    }

    static String gatedPipeline(String name, int stages) {
        StringBuilder b = new StringBuilder("digraph " + name + " {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n"
                + "  hold [shape=hexagon, label=\"Go?\"]\n  start -> hold\n  hold -> s1 [label=\"[G] Go\"]\n");
        for (int i = 1; i <= stages; i++) {
            b.append("  s").append(i).append(" [prompt=\"step ").append(i).append("\"]\n");
            b.append("  s").append(i).append(" -> ").append(i == stages ? "exit" : "s" + (i + 1)).append("\n");
        }
        return b.append("}\n").toString();
    }

    /** Runs the scenario against {@code base}, which must be a loopback URL. */
    public static Result run(String base, int pipelines, int clients, int stages) throws Exception {
        String host = URI.create(base).getHost();
        if (!io.nightshift.runtime.wiring.AccessPolicy.isLoopback(host)) {
            throw new IllegalArgumentException("the load scenario only runs against loopback, not " + host);
        }
        Http http = new Http(base);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < pipelines; i++) {
            Http.Reply r = http.postJson("/pipelines", Map.of("dot", gatedPipeline("load" + i, stages), "simulate", true));
            if (r.status() != 201) {
                throw new IllegalStateException("submit failed: " + r.status() + " " + r.body());
            }
            ids.add(r.json().path("id").asText());
        }
        Map<String, Long> waitingAt = new java.util.HashMap<>();
        for (String id : ids) {
            waitingAt.put(id, http.awaitStatus(id, "waiting").path("last_event_id").asLong());
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CountDownLatch caughtUp = new CountDownLatch(clients);
        List<List<Received>> received = new ArrayList<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<?>> readers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String id = ids.get(c % pipelines);
            List<Received> mine = Collections.synchronizedList(new ArrayList<>());
            received.add(mine);
            readers.add(threads.submit(() -> {
                boolean counted = false;
                try (SseClient sse = SseClient.open(client, base + "/pipelines/" + id + "/events", null, null)) {
                    if (sse.status() != 200) {
                        mine.add(new Received(-sse.status(), "http-status", Instant.now(), Instant.now()));
                    }
                    for (SseClient.Event e = sse.next(); e != null; e = sse.next()) {
                        mine.add(new Received(e.id(), e.type(), Instant.parse(e.data().path("timestamp").asText()),
                                e.receivedAt()));
                        if (!counted && e.id() >= waitingAt.get(id)) {
                            caughtUp.countDown();
                            counted = true;
                        }
                    }
                }
                if (!counted) {
                    caughtUp.countDown();
                }
                return null;
            }));
        }
        // the bounds below only stop a scenario that never gets there; a loaded machine is slow, not broken
        if (!caughtUp.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("SSE clients did not catch up in 5 minutes");
        }
        Instant start = Instant.now();
        List<Future<?>> answers = new ArrayList<>();
        for (String id : ids) {
            answers.add(threads.submit(() -> {
                String qid = http.get("/pipelines/" + id + "/questions").json().get(0).path("id").asText();
                return http.postJson("/pipelines/" + id + "/questions/" + qid + "/answer", Map.of("value", "G"));
            }));
        }
        for (Future<?> f : answers) {
            f.get(5, TimeUnit.MINUTES);
        }
        for (Future<?> f : readers) {
            f.get(10, TimeUnit.MINUTES);
        }
        Instant end = Instant.now();
        threads.shutdown();

        List<String> problems = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        long eventsPerRun = 0;
        for (int c = 0; c < clients; c++) {
            String id = ids.get(c % pipelines);
            JsonNode status = http.get("/pipelines/" + id).json();
            long last = status.path("last_event_id").asLong();
            eventsPerRun = Math.max(eventsPerRun, last);
            List<Received> got = received.get(c);
            List<Long> seqs = got.stream().map(Received::id).toList();
            List<Long> expected = java.util.stream.LongStream.rangeClosed(1, last).boxed().toList();
            if (!status.path("status").asText().equals("succeeded")) {
                problems.add(id + " ended " + status.path("status").asText());
            }
            if (!seqs.equals(expected)) {
                problems.add("client " + c + " of " + id + " got " + seqs.size() + " of " + last + " events"
                        + (seqs.equals(seqs.stream().sorted().toList()) ? "" : ", out of order")
                        + got.stream().filter(r -> r.id() < 0).map(r -> " (HTTP status " + -r.id() + ")").findFirst()
                        .orElse(""));
            } else if (!got.get(got.size() - 1).type().equals("pipeline_completed")) {
                problems.add("client " + c + " of " + id + " did not end with pipeline_completed");
            }
            for (Received r : got) {
                if (!r.timestamp().isBefore(start)) {
                    latencies.add(Duration.between(r.timestamp(), r.receivedAt()).toNanos() / 1e6);
                }
            }
        }
        Collections.sort(latencies);
        double seconds = Duration.between(start, end).toNanos() / 1e9;
        return new Result(pipelines, clients, eventsPerRun, latencies.size(), seconds, latencies.size() / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1), problems);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Starts the packaged application on a loopback port with a fresh runs directory, runs the scenario, stops it. */
    public static Result againstPackagedApp(int pipelines, int clients, int stages) throws Exception {
        Path runs = Files.createTempDirectory("ns-load-runs");
        try (ServeProcess server = ServeProcess.start(Path.of("").toAbsolutePath(),
                Map.of("NIGHTSHIFT_SERVER_RUNS_DIR", runs.toString())).awaitReady()) {
            return run(server.base(), pipelines, clients, stages);
        }
    }
}
