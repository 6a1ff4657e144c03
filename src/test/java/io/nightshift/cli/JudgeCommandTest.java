package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nightshift judge} over picocli. The Docker tests import a small suite of their own into the real scenario
 * store (under a unique name, removed afterwards) and judge temporary git repositories in real judge containers.
 */
class JudgeCommandTest {

    private static final String CORRECT = "import sys\nprint('Hello, ' + sys.argv[1] + '!')\n";
    private static final String WRONG = "import sys\nprint('Hi ' + sys.argv[1])\n";

    @TempDir
    Path dir;

    private final String name = "judge-test-" + UUID.randomUUID().toString().substring(0, 8);
    private boolean imported;

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

    @AfterEach
    void removeSuite() {
        if (imported) {
            run("scenarios", "rm", name);
        }
    }

    /** A held-out suite of two scenarios (hints disclosure, all trials must pass), imported into the store. */
    private void importSuite() throws IOException {
        Path suite = Files.createDirectories(dir.resolve("suite"));
        Files.writeString(suite.resolve("suite.yaml"), "name: " + name + "\ntrials: 1\ndisclosure: hints\n"
                + "threshold: 1.0\n");
        Files.writeString(suite.resolve("greet.feature"), """
                Feature: Greeting people
                  Scenario: Greets Ada by name
                    When I run "python3 greet.py Ada"
                    Then stdout is "Hello, Ada!"

                  Scenario: Exits cleanly
                    When I run "python3 greet.py Bob"
                    Then the exit code is 0
                """);
        Result r = run("scenarios", "import", suite.toString());
        assertThat(r.code()).as(r.err()).isZero();
        imported = true;
    }

    /** A git repository whose commits hold greet.py with each content in turn. */
    private Path repository(String... versions) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        int n = 0;
        for (String content : versions) {
            Files.writeString(repo.resolve("greet.py"), content);
            git(repo, "add", "greet.py");
            git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "v" + ++n);
            git(repo, "tag", "v" + n);
        }
        return repo;
    }

    /** The judgment records the store holds for the suite, read from inside the store container. */
    private String storedJudgments() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "exec", "nightshift-scenario-store", "sh", "-c",
                "cat /store/suites/" + name + "/judgments/*.json").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        return output;
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    @Tag("docker")
    void aCorrectProgramReachesTheThresholdAndExitsZero() throws Exception {
        importSuite();
        Path repo = repository(CORRECT);

        Result r = run("judge", "--suite", name, "--workspace", repo.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("suite " + name + " version ", "satisfaction 100.0%: 2/2 trials, threshold "
                + "100.0%: PASSED", "scenario 1  1/1 trials", "scenario 2  1/1 trials", "Every scenario passed");
        assertThat(r.out()).as("hints disclose the titles of failing scenarios only").doesNotContain("Greets Ada");
        assertThat(r.err()).doesNotContain("warning");

        Result json = run("judge", "--suite", name, "--workspace", repo.toString(), "--json", "--trials", "2");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.path("suite").asText()).isEqualTo(name);
        assertThat(node.path("satisfaction").asDouble()).isEqualTo(1.0);
        assertThat(node.path("totalTrials").asInt()).isEqualTo(4);
        assertThat(node.path("scenarios")).hasSize(2);
    }

    @Test
    @Tag("docker")
    void aWrongProgramIsBelowThresholdWithDisclosedHintsOnlyAndUncommittedFixesAreNotJudged() throws Exception {
        importSuite();
        Path repo = repository(WRONG);
        Files.writeString(repo.resolve("greet.py"), CORRECT);

        Result r = run("judge", "--suite", name, "--workspace", repo.toString(), "--parallelism", "1");

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("satisfaction 50.0%: 1/2 trials, threshold 100.0%: BELOW THRESHOLD",
                "scenario 1: Greets Ada by name  0/1 trials", "scenario 2  1/1 trials", "Hi Ada");
        assertThat(r.out() + r.err()).doesNotContain("Hello, Ada!");
        assertThat(r.err()).contains("warning: uncommitted changes in " + repo.toRealPath(), "greet.py",
                "are not judged");
        assertThat(storedJudgments()).as("the full record, expected values included, stays in the store")
                .contains("Hello, Ada!", "Hi Ada");
    }

    @Test
    @Tag("docker")
    void judgesOnThisMachineOnlyWhenAllowedAndAMissingImageIsExitCodeTwo() throws Exception {
        importSuite();
        Path repo = repository(CORRECT);

        Result local = run("judge", "--suite", name, "--workspace", repo.toString(), "--sandbox", "local",
                "--allow-local-holdout");
        Result noImage = run("judge", "--suite", name, "--workspace", repo.toString(), "--image",
                "nightshift/no-such-image:none");

        assertThat(local.code()).as(local.err()).isZero();
        assertThat(local.out()).contains("satisfaction 100.0%: 2/2 trials");
        assertThat(noImage.code()).isEqualTo(2);
        assertThat(noImage.err()).contains("nightshift/no-such-image:none");
    }

    @Test
    @Tag("docker")
    void aRepositoryIsClonedAtTheRefGiven() throws Exception {
        importSuite();
        Path repo = repository(WRONG, CORRECT);

        Result old = run("judge", "--suite", name, "--repo", repo.toUri().toString(), "--ref", "v1");
        Result head = run("judge", "--suite", name, "--repo", repo.toUri().toString());

        assertThat(old.code()).as(old.err()).isEqualTo(1);
        assertThat(old.out()).contains("BELOW THRESHOLD");
        assertThat(head.code()).as(head.err()).isZero();
        assertThat(head.out()).contains("PASSED");
        Result unknownRef = run("judge", "--suite", name, "--repo", repo.toUri().toString(), "--ref", "v9");
        assertThat(unknownRef.code()).isEqualTo(2);
        assertThat(unknownRef.err()).contains("v9");
    }

    @Test
    @Tag("docker")
    void anUnknownSuiteIsExitCodeTwoWithTheImportHint() throws Exception {
        Path repo = repository(CORRECT);

        Result r = run("judge", "--suite", name, "--workspace", repo.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no suite '" + name + "'", "nightshift scenarios import DIR --suite " + name);
    }

    @Test
    void aWorkspaceThatIsNotARepositoryIsExitCodeTwo() throws IOException {
        Path plain = Files.createDirectories(dir.resolve("plain"));

        Result r = run("judge", "--suite", name, "--workspace", plain.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--workspace " + plain.toAbsolutePath() + " is not a git repository");
    }

    @Test
    void anUnknownRefInTheWorkspaceIsExitCodeTwo() throws Exception {
        Path repo = repository(CORRECT);

        Result r = run("judge", "--suite", name, "--workspace", repo.toString(), "--ref", "nope");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("No commit 'nope'");
    }

    @Test
    void badCombinationsAreExitCodeTwoBeforeAnythingRuns() {
        Result both = run("judge", "--suite", name, "--workspace", dir.toString(), "--repo", dir.toString());
        Result neither = run("judge", "--suite", name);
        Result local = run("judge", "--suite", name, "--workspace", dir.toString(), "--sandbox", "local");
        Result threshold = run("judge", "--suite", name, "--workspace", dir.toString(), "--threshold", "1.5");
        Result noSuite = run("judge", "--workspace", dir.toString());

        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of --workspace DIR");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(local.code()).isEqualTo(2);
        assertThat(local.err()).contains("--allow-local-holdout");
        assertThat(threshold.code()).isEqualTo(2);
        assertThat(threshold.err()).contains("--threshold must be between 0 and 1");
        assertThat(noSuite.code()).isEqualTo(2);
        assertThat(noSuite.err()).contains("--suite");
    }
}
