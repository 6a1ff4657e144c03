package io.nightshift.cli;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real RabbitMQ broker for the worker tests (issue 18): Debian's {@code rabbitmq-server} started for the test
 * class with a node name, ports, data and log directories of its own (so it clashes with no other broker on the
 * machine), and stopped after it. Skipped, saying why, only when rabbitmq-server is not installed outside CI
 * ({@code .ci/run} and {@code bin/test} install it); in CI ({@code CI} set) its absence fails the test.
 */
public final class RabbitBroker implements BeforeAllCallback, AfterAllCallback {

    static final Path SERVER = Path.of("/usr/sbin/rabbitmq-server");

    private static Process process;
    private static Path dir;
    private static int port;

    /** The AMQP port of the running broker. */
    static int port() {
        return port;
    }

    /** {@code NIGHTSHIFT_BROKER_URL} for the running broker. */
    static String url() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(SERVER)) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("RabbitMQ's server is not installed (" + SERVER + " missing) and CI requires"
                        + " the broker tests: .ci/run installs rabbitmq-server (bin/lib/deps.sh)");
            }
            assumeThat(false).as("RabbitMQ's server is not installed (%s missing): apt-get install rabbitmq-server,"
                    + " as .ci/run and bin/test do", SERVER).isTrue();
        }
        dir = Files.createTempDirectory("nightshift-rabbitmq-");
        Files.createDirectories(dir.resolve("mnesia"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(dir.resolve("enabled_plugins"), "[].\n", StandardCharsets.UTF_8);
        if ("root".equals(System.getProperty("user.name"))) {
            // run as root, rabbitmq-server switches to the rabbitmq user, who must own its directories
            new ProcessBuilder("chown", "-R", "rabbitmq:rabbitmq", dir.toString()).inheritIO().start().waitFor();
            new ProcessBuilder("chmod", "755", dir.toString()).inheritIO().start().waitFor();
        }
        port = freePort();
        int dist = freePort();
        ProcessBuilder pb = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("RABBITMQ_NODENAME", "nightshift-test-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost");
        env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_DIST_PORT", String.valueOf(dist));
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try (Connection c = factory().newConnection("nightshift-test-probe")) {
                return;
            } catch (IOException | java.util.concurrent.TimeoutException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    String out = Files.exists(dir.resolve("server.out"))
                            ? Files.readString(dir.resolve("server.out")) : "";
                    afterAll(context);
                    throw new AssertionError("rabbitmq-server did not accept connections on port " + port
                            + " within 180 s; its output:\n" + out);
                }
                Thread.sleep(500);
            }
        }
    }

    static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(port);
        f.setConnectionTimeout(5000);
        return f;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            process = null;
        }
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dir = null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
