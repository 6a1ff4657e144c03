package io.nightshift.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code nightshift serve} as a separate process of the packaged application, started and stopped by a test. */
final class ServeProcess implements AutoCloseable {

    final Process process;
    final Path stdout;
    final Path stderr;
    final int port;

    private ServeProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static ServeProcess start(Path workdir, Map<String, String> env, String... extraArgs) throws IOException {
        Path app = Path.of(System.getProperty("nightshift.app", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: integration tests run after 'mvn package'");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", app.toAbsolutePath().toString(), "serve", "--port", Integer.toString(port)));
        command.addAll(List.of(extraArgs));
        Path out = Files.createTempFile("serve-out", ".txt");
        Path err = Files.createTempFile("serve-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("NIGHTSHIFT_TOKENS");
        pb.environment().putAll(env);
        return new ServeProcess(pb.start(), out, err, port);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits for the "serving on" line; fails with the process output if it exits or takes too long. */
    ServeProcess awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (out().contains("serving on")) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ": " + out() + err());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start in 60 s: " + out() + err());
    }

    String out() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Stops the service as Ctrl-C or a service manager would (SIGTERM) and waits for it. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
