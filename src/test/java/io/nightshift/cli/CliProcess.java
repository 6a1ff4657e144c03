package io.nightshift.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged application as a separate process, the way a user's shell does. For *IT tests. */
final class CliProcess {

    record Result(int exitCode, String stdout, String stderr) {
    }

    private CliProcess() {
    }

    static Path app() {
        Path app = Path.of(System.getProperty("nightshift.app", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: integration tests run after 'mvn package'");
        }
        return app;
    }

    static ProcessBuilder builder(Path workdir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(app().toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile());
        pb.environment().put("NO_COLOR", "1");
        return pb;
    }

    /**
     * The same command with SIGINT at its default disposition, whatever this JVM inherited: started from a
     * background non-interactive shell ({@code bin/test &}, a job runner), the suite ignores SIGINT and so would
     * every child, which no handler can undo. coreutils' {@code env --default-signal} (8.31+) resets it before exec.
     */
    static ProcessBuilder withDefaultSigint(ProcessBuilder pb) {
        pb.command().addAll(0, List.of("env", "--default-signal=INT"));
        return pb;
    }

    static Result run(Path workdir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ns-out", ".txt");
        Path err = Files.createTempFile("ns-err", ".txt");
        Process p = builder(workdir, args).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nightshift " + String.join(" ", args) + " did not finish in 120 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /**
     * Polls {@code condition} until it holds; fails naming the wait after {@code seconds} (generous: the machine
     * may be loaded, and the tests assert what happened, not how fast).
     */
    static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
