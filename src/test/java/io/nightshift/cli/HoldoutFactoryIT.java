package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.twin.RecordedRequest;
import io.nightshift.twin.TwinOptions;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's end-to-end run, the factory as {@code bin/demo} runs it, through the packaged application: the example
 * suite goes into the real isolated store, the example repository is handed over, the LLM twin plays an agent that
 * first gets it wrong, judge containers find it below the threshold, the hints go back into the same session, the
 * agent fixes the program, satisfaction ends at 1.0 and the branch, patch, bundle and report are delivered.
 */
@Tag("docker")
class HoldoutFactoryIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A name of our own, so that the operator's 'tally' suite is neither used nor replaced. */
    private final String suite = "tally-it-" + Long.toHexString(System.nanoTime());

    @AfterEach
    void removeSuite() throws Exception {
        CliProcess.run(dir, "scenarios", "rm", suite);
    }

    @Test
    void theAgentIsJudgedBelowThresholdGetsTheHintsFixesTheProgramAndDeliversAtFullSatisfaction() throws Exception {
        runsTheFactory(TwinOptions.defaults());
    }

    /** Issue 13: a real model thinks for seconds between turns, while the sandbox's runner waits. */
    @Test
    void theFactoryDeliversWhenTheModelTakesSecondsPerTurn() throws Exception {
        runsTheFactory(TwinOptions.defaults().withDelayMs(3_000));
    }

    private void runsTheFactory(TwinOptions twinOptions) throws Exception {
        Path suiteDir = copy(ROOT.resolve("scenario-store/examples/tally/suite"), dir.resolve("suite"));
        Files.writeString(suiteDir.resolve("suite.yaml"),
                Files.readString(suiteDir.resolve("suite.yaml")).replace("name: tally", "name: " + suite));
        CliProcess.Result imported = CliProcess.run(dir, "scenarios", "import", suiteDir.toString(), "--suite", suite);
        assertThat(imported.exitCode()).as(imported.stdout() + imported.stderr()).isZero();

        Path source = copy(ROOT.resolve("scenario-store/examples/tally/repo"), dir.resolve("tally"));
        git(source, "init", "-q", "-b", "main");
        git(source, "add", "-A");
        git(source, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-q", "-m", "tally: the goal");
        String base = git(source, "rev-parse", "HEAD").strip();
        Path pipeline = Files.writeString(dir.resolve("factory-holdout.dot"),
                Files.readString(ROOT.resolve("agent-spec/pipelines/factory-holdout.dot"))
                        .replace("harness.suite=\"tally\"", "harness.suite=\"" + suite + "\""));

        String script = Files.readString(ROOT.resolve("agent-spec/twin/holdout-demo.json"));
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script), twinOptions)) {
            ProcessBuilder pb = CliProcess.builder(dir, "run", pipeline.toString(), "--repo", source.toString(),
                    "--logs-dir", "run");
            List.of("OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY", "OPENAI_COMPATIBLE_BASE_URL")
                    .forEach(pb.environment()::remove);
            pb.environment().put("ANTHROPIC_API_KEY", twin.apiKey());
            pb.environment().put("ANTHROPIC_BASE_URL", twin.baseUrl());
            Path out = dir.resolve("out.txt");
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("the run finishes").isTrue();
            String output = Files.readString(out);
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(twin.remainingSteps()).as("every scripted model turn was used").isZero();
            // The agent met the runner between edits: it ran the program and its checks through the shell.
            assertThat(twin.requests().stream().map(r -> r.json().toString())
                    .filter(r -> r.contains("missing file: exit 2")).findAny()).as("the shell reported the fix").isPresent();
            assertThat(output).doesNotContain("stopped accepting commands").doesNotContain("Pipe broken");

            Path run = dir.resolve("run");
            // Judged below the threshold first, then satisfied, then the gate.
            List<JsonNode> completed = events(run).stream()
                    .filter(e -> e.path("type").asText().equals("harness_completed")).toList();
            assertThat(completed).hasSize(3);
            assertThat(completed.stream().map(e -> e.path("satisfaction").asDouble()).toList())
                    .containsExactly(3.0 / 7, 1.0, 1.0);
            assertThat(output).contains("satisfaction 42.9% (3/7 trials").contains("holdout: suite " + suite
                    + ": satisfaction 100.0% (7/7 trials");

            // The hints reached the agent in the same session: the follow-up carries the earlier turns.
            RecordedRequest fix = twin.requests().stream()
                    .filter(r -> r.json().toString().contains("Acceptance check")).findFirst().orElseThrow();
            String told = fix.json().toString();
            assertThat(told).contains("The most frequent word comes first").contains("A missing file is reported")
                    .contains("FileNotFoundError").contains("tally.py counts words");
            // ... but not the held-out checks themselves.
            assertThat(told).doesNotContain("printf 'The cat saw the dog.").doesNotContain("no-such-file.txt")
                    .doesNotContain("5 the\\n2 cat\\n2 dog");

            // Delivered: the branch in the source, the patch applies on the base, the bundle verifies, the report.
            String branch = git(source, "branch", "--list", "nightshift/*").replace("*", "").strip();
            assertThat(branch).startsWith("nightshift/");
            assertThat(git(source, "show", branch + ":tally.py")).contains("argparse").contains("return 2");
            assertThat(git(source, "rev-parse", "--abbrev-ref", "HEAD").strip()).isEqualTo("main");
            Path deliverables = run.resolve("deliverables");
            Path clone = dir.resolve("clone");
            git(dir, "clone", "-q", source.toString(), clone.toString());
            git(clone, "checkout", "-q", base);
            git(clone, "-c", "user.name=Test", "-c", "user.email=test@localhost", "am", "-q",
                    deliverables.resolve("changes.patch").toString());
            assertThat(Files.readString(clone.resolve("tally.py"))).contains("argparse");
            git(source, "bundle", "verify", deliverables.resolve("run.bundle").toString());
            // Issue 14: the twin reports usage, so the summary and the final line say what the model calls spent
            assertThat(output).containsPattern("succeeded in .*[0-9,]+ tokens, \\$[0-9]+\\.[0-9]{4}");
            assertThat(Files.readString(deliverables.resolve("summary.md"))).containsPattern(
                    "- spend: [0-9,]+ tokens, \\$[0-9]+\\.[0-9]{4}\n").contains("| stage | calls | tokens");
            assertThat(Files.readString(deliverables.resolve("summary.md"))).contains("## Holdout scenarios")
                    .contains("suite " + suite + ": satisfaction 100.0% (7/7 trials");
            assertThat(run.resolve("harness/1.json")).exists();
            assertThat(JSON.readTree(run.resolve("harness/1.json").toFile()).path("satisfied_trials").asInt())
                    .isEqualTo(3);

            // Satisfaction over time, from the full records the store kept.
            CliProcess.Result report = CliProcess.run(dir, "scenarios", "report", suite);
            assertThat(report.exitCode()).as(report.stderr()).isZero();
            assertThat(report.stdout()).contains("42.9% (3/7)").contains("100.0% (7/7)")
                    .contains("3 judgments, 2 reached the threshold");
        }
    }

    private static List<JsonNode> events(Path run) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }

    private static String git(Path where, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", where.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }
}
