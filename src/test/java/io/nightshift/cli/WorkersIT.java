package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 end to end, with real processes: a RabbitMQ broker ({@link RabbitBroker}), {@code nightshift serve
 * --dispatch rabbitmq} and {@code nightshift worker} processes, each worker in a directory of its own (no run
 * directory shared with the service). A worker killed with SIGKILL in the middle of a run leaves its message
 * unacknowledged; the broker redelivers it and the other worker finishes the run from the service's checkpoint,
 * once; the killed worker's lease epoch is refused afterwards.
 */
@ExtendWith(RabbitBroker.class)
class WorkersIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "worker-test-token";
    private static final Duration WAIT = Duration.ofSeconds(240);

    /** A tool stage slow enough to kill a worker in, between two checkpoints. */
    private static final String SLOW = """
            digraph slow {
                start [shape=Mdiamond]
                first [shape=parallelogram, tool_command="echo first"]
                slow  [shape=parallelogram, tool_command="sleep 6; echo slow"]
                done  [shape=Msquare]
                start -> first -> slow -> done
            }
            """;

    @TempDir
    Path tmp;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRunKilledWithItsWorkerIsFinishedOnceByAnotherAndTheDeadWorkersEpochIsRefused() throws Exception {
        Path repo = repository(tmp.resolve("source"));
        startService();
        Process w1 = startWorker("w1");
        Process w2 = startWorker("w2");

        // a quick run, end to end through a worker
        String quick = submit(repo, SLOW.replace("sleep 6; ", ""));
        JsonNode done = waitForJob(quick, j -> j.path("status").asText().equals("succeeded"));
        assertThat(done.path("status").asText()).isEqualTo("succeeded");
        assertThat(events(quick).stream().filter(e -> e.equals("pipeline_completed")).count()).isEqualTo(1);

        // a slow one: kill its worker while the slow stage runs
        String slow = submit(repo, SLOW);
        JsonNode held = waitFor(() -> get("/workers"), w -> w.path("runs").has(slow)
                && nodeState(slow).equals("running"));
        String holder = held.path("runs").path(slow).asText();
        Process victim = holder.equals("w1") ? w1 : w2;
        victim.destroyForcibly(); // SIGKILL
        assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long deadEpoch = epochOf(slow);

        JsonNode finished = waitForJob(slow, j -> j.path("status").asText().equals("succeeded"));
        assertThat(finished.path("status").asText()).isEqualTo("succeeded");
        List<String> types = events(slow);
        assertThat(types.stream().filter(e -> e.equals("pipeline_completed")).count())
                .as("one final event: %s", types).isEqualTo(1);
        assertThat(types).as("the run resumed from the service's checkpoint").contains("pipeline_resumed");
        assertThat(Files.readString(runsDir().resolve(slow).resolve("worker-lease.json")))
                .doesNotContain("\"worker\":\"" + holder + "\"");

        // the dead worker's lease writes nothing any more
        HttpResponse<String> stale = http.send(request("/workers/runs/" + slow + "/events?epoch=" + deadEpoch)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"pipeline_started\",\"run_id\":\"x\",\"seq\":999,\"timestamp\":"
                                + "\"2026-01-01T00:00:00Z\",\"name\":\"slow\",\"goal\":\"\",\"logs_root\":\"/x\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(stale.body()).contains("stale");
        assertThat(events(slow)).hasSameSizeAs(types);
    }

    private long epochOf(String id) throws IOException {
        return JSON.readTree(runsDir().resolve(id).resolve("worker-lease.json").toFile()).path("epoch").asLong();
    }

    private String nodeState(String id) {
        try {
            return get("/pipelines/" + id).path("node_states").path("slow").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    private Path runsDir() {
        return tmp.resolve("service").resolve("runs");
    }

    private void startService() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createDirectories(tmp.resolve("service"));
        ProcessBuilder pb = CliProcess.builder(dir, "serve", "--dispatch", "rabbitmq", "--port",
                String.valueOf(port));
        pb.environment().put("NIGHTSHIFT_BROKER_URL", RabbitBroker.url());
        pb.environment().put("NIGHTSHIFT_TOKENS", TOKEN);
        pb.environment().put("NIGHTSHIFT_SERVER_ALLOW_LOCAL_SANDBOX", "true");
        pb.environment().put("NIGHTSHIFT_SERVER_ALLOW_SIMULATE", "true");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
        processes.add(pb.start());
        waitFor(() -> get("/workers"), w -> w.path("dispatch").asText().equals("rabbitmq"));
    }

    private Process startWorker(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        ProcessBuilder pb = CliProcess.builder(dir, "worker", "--service", "http://127.0.0.1:" + port + "/",
                "--slots", "1", "--name", name, "--dir", dir.resolve("runs").toString());
        pb.environment().put("NIGHTSHIFT_BROKER_URL", RabbitBroker.url());
        pb.environment().put("NIGHTSHIFT_TOKEN", TOKEN);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile());
        Process p = pb.start();
        processes.add(p);
        // ready when it says so on stdout (the log file)
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.readString(dir.resolve("worker.log")).contains("taking runs from")) {
            assertThat(p.isAlive()).as("worker %s died: %s", name, Files.readString(dir.resolve("worker.log")))
                    .isTrue();
            assertThat(System.nanoTime()).as("worker %s did not start", name).isLessThan(deadline);
            Thread.sleep(250);
        }
        return p;
    }

    private String submit(Path repo, String dot) throws Exception {
        String body = JSON.writeValueAsString(Map.of("repository", Map.of("path", repo.toString()), "goal", "work",
                "dot", dot, "sandbox", "local", "simulate", true, "auto_approve", true));
        HttpResponse<String> r = http.send(request("/jobs").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    private JsonNode waitForJob(String id, Predicate<JsonNode> done) throws Exception {
        return waitFor(() -> get("/jobs/" + id), j -> done.test(j) || j.path("status").asText().matches(
                "failed|canceled|budget_exhausted|stalled"));
    }

    private List<String> events(String id) throws IOException {
        List<String> types = new ArrayList<>();
        for (String line : Files.readAllLines(runsDir().resolve(id).resolve("events.jsonl"))) {
            if (!line.isBlank()) {
                types.add(JSON.readTree(line).path("type").asText());
            }
        }
        return types;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(60));
    }

    private interface Probe {
        JsonNode get() throws Exception;
    }

    private JsonNode waitFor(Probe probe, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException notUp) {
                // the service is still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out; last answer: " + last + "\nservice log:\n"
                + readOr(tmp.resolve("service/serve.log")) + "\nw1:\n" + readOr(tmp.resolve("w1/worker.log"))
                + "\nw2:\n" + readOr(tmp.resolve("w2/worker.log")));
    }

    private static String readOr(Path p) {
        try {
            String s = Files.readString(p);
            return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "";
        }
    }

    private static Path repository(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), "hello\n");
        for (List<String> cmd : List.of(List.of("git", "init", "-q", "-b", "main"), List.of("git", "add", "."),
                List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init"))) {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
        }
        return dir;
    }
}
