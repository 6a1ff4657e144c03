package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nightshift scenarios} over picocli (no Quarkus: the command builds its own catalogue). The Docker tests use
 * the real store, shared with the operator, under a suite name of their own which they remove again.
 */
class ScenariosCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new NightshiftCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** The fixture suite copied into {@code dir}, renamed to {@code name}. */
    private Path suite(String name) throws IOException {
        Path fixture = Path.of("src/test/resources/suites/greeter");
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path yaml = dir.resolve("suite.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("name: greeter", "name: " + name));
        return dir;
    }

    @Test
    void checkValidatesAFolderWithoutTheStore() throws IOException {
        Result r = run("scenarios", "check", suite("greeter").toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("valid suite 'greeter', version ").contains("(4 scenarios, 2 trials each, "
                + "disclosure hints, threshold 0.75)");
    }

    @Test
    void checkListsEveryProblemWithItsFileAndLineAndExitsOne() throws IOException {
        suite("greeter");
        Files.writeString(dir.resolve("bad.feature"), """
                Feature: bad
                  Scenario: typo
                    When I runn "ls"
                    Then the exit code is 0
                """);
        Files.writeString(dir.resolve("suite.yaml"), "name: greeter\ntrails: 3\n");

        Result r = run("scenarios", "check", dir.toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(dir.resolve("bad.feature") + ":3: unknown step 'I runn \"ls\"'; the closest "
                        + "built-in step is 'I run \"<command>\"'")
                .contains(dir.resolve("suite.yaml") + ":2: unknown key 'trails'")
                .contains(dir + ": invalid suite (2 problems)");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void checkOfAMissingFolderIsExitCodeTwo() {
        Result r = run("scenarios", "check", dir.resolve("nope").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("is not a folder");
    }

    @Test
    void anUnreachableEngineIsExitCodeTwoWithTheReason() {
        Result r = run("scenarios", "--docker-host", "unix:///nonexistent/docker.sock", "ls");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot reach the Docker engine", "Start Docker");
    }

    @Test
    @Tag("docker")
    void importsListsShowsAndRemovesASuite() throws IOException {
        String name = "cli-test-" + UUID.randomUUID().toString().substring(0, 8);
        suite(name);
        try {
            Result imported = run("scenarios", "import", dir.toString(), "--suite", name);
            assertThat(imported.code()).as(imported.err()).isZero();
            assertThat(imported.out()).startsWith("imported " + name + " version ").contains("(4 scenarios)");

            Result again = run("scenarios", "import", dir.toString());
            assertThat(again.code()).isZero();
            assertThat(again.out()).contains(name + " unchanged: version ");

            Result ls = run("scenarios", "ls");
            assertThat(ls.code()).isZero();
            assertThat(ls.out()).contains("SUITE").containsPattern(name + " +[0-9a-f]{12} +4 ");

            Result show = run("scenarios", "show", name);
            assertThat(show.code()).isZero();
            assertThat(show.out()).contains("suite " + name, "(current)", "==> greet.feature <==",
                    "Scenario: Greets by name", "==> suite.yaml <==");
            assertThat(show.err()).contains("held-out scenarios");

            Result rm = run("scenarios", "rm", name);
            assertThat(rm.code()).isZero();
            assertThat(rm.out()).contains("removed " + name);
            assertThat(run("scenarios", "show", name).code()).isEqualTo(1);
            assertThat(run("scenarios", "rm", name).err()).contains("no suite named " + name);
        } finally {
            run("scenarios", "rm", name);
        }
    }

    @Test
    @Tag("docker")
    void importRefusesAnInvalidSuiteOrAMismatchedNameBeforeStoringAnything() throws IOException {
        String name = "cli-test-" + UUID.randomUUID().toString().substring(0, 8);
        suite(name);

        Result mismatched = run("scenarios", "import", dir.toString(), "--suite", "something-else");

        assertThat(mismatched.code()).isEqualTo(1);
        assertThat(mismatched.err()).contains("the suite is named '" + name + "', not 'something-else'");
        Files.writeString(dir.resolve("bad.feature"), "Feature: x\n  Scenario: y\n    Then stdout is \"z\"\n");
        Result invalid = run("scenarios", "import", dir.toString());
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("bad.feature:3: 'stdout is \"z\"' checks the last command run");
        assertThat(run("scenarios", "ls").out()).doesNotContain(name);
    }
}
