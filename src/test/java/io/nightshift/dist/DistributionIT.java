package io.nightshift.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the self-contained distribution works on a machine with no Java. Unpacks the tarball of
 * {@code mvn -Pdist package} into a clean directory and runs its launcher with an environment that has no
 * JAVA_HOME and a PATH holding the system's tools minus every JDK binary. Skipped, with the reason, when the
 * tarball was not built in this build (CI sets NIGHTSHIFT_REQUIRE_DIST, which turns the skip into a failure).
 */
class DistributionIT {

    @TempDir
    static Path dir;

    private static Path home;
    private static Path work;
    private static Path tools;
    private static String skipReason;

    @BeforeAll
    static void unpack() throws Exception {
        Path target = Path.of(System.getProperty("nightshift.app", "target/quarkus-app/quarkus-run.jar"))
                .toAbsolutePath().getParent().getParent();
        Path tarball = newestTarball(target);
        Path jar = target.resolve("quarkus-app/quarkus-run.jar");
        if (tarball == null) {
            skipReason = "distribution tarball not built: no " + target + "/nightshift-*-linux-x64.tar.gz (build it"
                    + " with 'mvn -Pdist package' or 'bin/test -Pdist')";
        } else if (Files.exists(jar)
                && Files.getLastModifiedTime(tarball).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            skipReason = "distribution tarball " + tarball + " is older than the application jar: rebuild with -Pdist";
        }
        if (skipReason != null) {
            if (System.getenv("NIGHTSHIFT_REQUIRE_DIST") != null) {
                throw new AssertionError(skipReason + " (NIGHTSHIFT_REQUIRE_DIST is set: CI requires this test)");
            }
            return;
        }
        tools = Files.createDirectories(dir.resolve("tools"));
        linkSystemToolsExceptJava(tools);
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).as("tar finished").isTrue();
        assertThat(tar.exitValue()).as("tar exit code: %s", new String(tar.getInputStream().readAllBytes())).isZero();
        try (Stream<Path> tops = Files.list(unpacked)) {
            home = tops.filter(p -> p.getFileName().toString().startsWith("nightshift-")).findFirst().orElseThrow();
        }
        work = Files.createDirectories(dir.resolve("work"));
        Files.copy(home.resolve("examples/hello.dot"), work.resolve("hello.dot"));
    }

    @BeforeEach
    void requireTheTarball() {
        assumeTrue(skipReason == null, skipReason);
    }

    @Test
    void theCleanEnvironmentHasNoJavaToFallBackOn() throws Exception {
        Process p = launch(List.of("sh", "-c", "command -v java || echo none")).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("none");
    }

    @Test
    void validateReportsTheShippedExampleValid() throws Exception {
        Result r = run("validate", "hello.dot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("hello.dot: valid (6 nodes, 8 edges)");
    }

    @Test
    void aSimulatedLocalRunOfTheShippedExampleSucceeds() throws Exception {
        Result r = run("run", "--simulate", "--sandbox", "local", "hello.dot");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("succeeded").contains("6 stages");
        try (Stream<Path> runs = Files.list(work.resolve("runs"))) {
            assertThat(runs.filter(p -> p.getFileName().toString().startsWith("hello-"))).isNotEmpty();
        }
    }

    @Test
    void serveAnswersItsFirstHttpRequests() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        Process server = launch(List.of(home.resolve("bin/nightshift").toString(), "serve", "--port",
                String.valueOf(port))).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> health = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (health == null && server.isAlive() && System.nanoTime() < deadline) {
                try {
                    health = http.send(get(port, "/q/health"), HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(health).as("serve answered GET /q/health; its output:\n%s", Files.readString(log)).isNotNull();
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
            HttpResponse<String> pipelines = http.send(get(port, "/pipelines"), HttpResponse.BodyHandlers.ofString());
            assertThat(pipelines.statusCode()).as(pipelines.body()).isEqualTo(200);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .GET().build();
    }

    private static Result run(String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = Stream.concat(Stream.of(home.resolve("bin/nightshift").toString()), Stream.of(args))
                .toList();
        Process p = launch(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nightshift " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** A process in the work directory with only PATH (no JDK on it), HOME and a UTF-8 locale in its environment. */
    private static ProcessBuilder launch(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", tools.toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().put("NO_COLOR", "1");
        return pb;
    }

    /** Links every command of /usr/bin and /bin into {@code into}, leaving out whatever resolves into a JDK. */
    private static void linkSystemToolsExceptJava(Path into) throws IOException {
        for (String system : new String[] {"/usr/bin", "/bin"}) {
            try (Stream<Path> entries = Files.list(Path.of(system))) {
                for (Path entry : entries.toList()) {
                    Path link = into.resolve(entry.getFileName().toString());
                    if (Files.exists(link) || !Files.isExecutable(entry)) {
                        continue;
                    }
                    Path real = entry.toRealPath();
                    if (real.toString().contains("/jvm/") || real.getFileName().toString().startsWith("java")) {
                        continue;
                    }
                    Files.createSymbolicLink(link, entry);
                }
            }
        }
    }

    private static Path newestTarball(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("nightshift-.*-linux-x64\\.tar\\.gz"))
                    .max((a, b) -> {
                        try {
                            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }).orElse(null);
        }
    }
}
