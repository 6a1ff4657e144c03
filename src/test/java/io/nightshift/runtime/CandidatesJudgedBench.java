package io.nightshift.runtime;

import static io.nightshift.agent.Script.match;
import static io.nightshift.agent.Script.script;
import static io.nightshift.agent.Script.toolReply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.agent.Script;
import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.Disclosures;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.JudgeRequest;
import io.nightshift.harness.Judgment;
import io.nightshift.harness.Suite;
import io.nightshift.harness.judge.DockerJudge;
import io.nightshift.harness.suite.SuiteLoader;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.harness.FakeGateway;
import io.nightshift.runtime.harness.HarnessCall;
import io.nightshift.runtime.harness.HarnessGateway;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.OwnerId;
import io.nightshift.sandbox.docker.SandboxLabels;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 19's judged figure ({@code bin/bench candidates-judged [runs]}): one run of a stage with {@code candidates=3}
 * whose agents (played by the LLM twin over HTTP) each write a program of a different quality, every candidate
 * judged against a generated 20-scenario suite with adaptive trials ({@code gate: lower_bound}, {@code max_trials})
 * in real Docker judge containers. Prints the wall time, the judge containers the Docker engine reports started for
 * the run (its {@code start} events, read live, filtered by the run's and the judge role's labels), the trials each
 * candidate got, and the winner with its lower bound.
 *
 * <p>The suite is judged from a temporary directory instead of the scenario store (which would add an import and
 * the store container to the figure), the same way {@code StoreGateway} judges a stored one: a {@link DockerJudge}
 * over the snapshot commit, the node's overrides applied, the judgment disclosed at the suite's level.
 */
public final class CandidatesJudgedBench {

    static final int SCENARIOS = 20;
    static final String IMAGE = "nightshift/sandbox-base:current";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Squares its argument; the weaker candidates get it wrong above a cut-off (20: never, 10: half, 3: most). */
    static String program(int correctUpTo) {
        return "#!/bin/sh\nif [ \"$1\" -le " + correctUpTo + " ]; then echo \"[$(( $1 * $1 ))]\";"
                + " else echo \"[$(( $1 * $1 + 1 ))]\"; fi\n";
    }

    private static final Map<String, Integer> MODELS = Map.of("model-all", SCENARIOS, "model-half", 10,
            "model-few", 3);
    private static final List<String> ORDER = List.of("model-few", "model-half", "model-all");

    private static final String PIPELINE = """
            digraph bench {
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                work  [prompt="Write prog.sh that prints the square of its argument in brackets",
                       llm_provider="anthropic", candidates=3, candidate_models="%s",
                       candidates.early_stop="never", harness.suite="squares", harness.max_rounds=1]
                start -> work -> exit
            }
            """.formatted(String.join(",", ORDER));

    private CandidatesJudgedBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Path root = Files.createTempDirectory("candidates-judged-bench");
        Suite suite = new SuiteLoader().loadDirectory(suite(root.resolve("suite")));
        Script s = script();
        MODELS.forEach((model, upTo) -> {
            s.rule(match("model", model, "turn", 1),
                    toolReply("write_file", Map.of("file_path", "prog.sh", "content", program(upTo))));
            s.rule(match("model", model), Script.textReply("Done (" + model + ")."));
        });
        System.out.printf(Locale.ROOT, "candidates=3 x %d scenarios, suite: trials %d, max_trials %d, gate %s,"
                + " threshold %.2f; judge image %s, %d cores%n", SCENARIOS, suite.settings().trials(),
                suite.settings().maxTrials(), suite.settings().gate().rule().name().toLowerCase(Locale.ROOT),
                suite.settings().threshold(), IMAGE,
                Runtime.getRuntime().availableProcessors());
        try (DockerEngine engine = DockerEngine.connect();
                TwinServer twin = TwinServer.start(TwinScripts.parse(s.build()))) {
            Map<String, String> env = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                    "ANTHROPIC_API_KEY", twin.apiKey(), "ANTHROPIC_BASE_URL", twin.baseUrl());
            for (int i = 1; i <= runs; i++) {
                runOnce(i, root.resolve("run" + i), suite, engine, env);
            }
        }
    }

    private static void runOnce(int n, Path dir, Suite suite, DockerEngine engine, Map<String, String> env)
            throws Exception {
        Files.createDirectories(dir);
        Path dot = RunFixtures.dot(dir, "bench.dot", PIPELINE);
        DirectoryGateway gateway = new DirectoryGateway(suite, engine);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env, Clock.systemUTC(), gateway);
        RunRequest request = new RunRequest(dot, false, true, dir.resolve("run"), null, Map.of(), null,
                "local", null, null, false, false, true);
        JudgeStarts starts = JudgeStarts.watch();
        long t0 = System.nanoTime();
        RunResult result;
        try {
            result = launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(),
                    note -> { });
        } catch (RuntimeException e) {
            starts.stop(""); // leave no docker events process behind
            throw e;
        }
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        List<String> started = starts.stop(result.runId());
        if (result.status() != RunStatus.SUCCESS) {
            throw new IllegalStateException("the run ended " + result.status() + ": " + result.failureReason());
        }
        System.out.printf(Locale.ROOT, "run %d: wall %.1f s, judge containers started %d (distinct %d), trials"
                + " judged %d, judging %.1f s summed over %d judgments%n", n, wallMs / 1000.0, started.size(),
                started.stream().distinct().count(), gateway.trials.values().stream().mapToInt(Integer::intValue)
                        .sum(), gateway.judgeMs.values().stream().mapToLong(Long::longValue).sum() / 1000.0,
                gateway.judgments.get());
        for (JsonNode e : events(result.logsRoot(), "candidate_completed")) {
            String model = ORDER.get(e.path("index").asInt() - 1); // candidate_models are handed out in turn
            String program = FakeGateway.fileAt(new HarnessCall(result.runId(), "work", "squares",
                    result.logsRoot().resolve("workspace"), e.path("commit").asText(), null, null, null, null),
                    "prog.sh");
            System.out.printf(Locale.ROOT, "  candidate %d (%s): %s, satisfaction %.3f, lower bound %.3f, %s trials%n",
                    e.path("index").asInt(), model, e.path("status").asText(), e.path("satisfaction").asDouble(),
                    e.path("satisfaction_lower").asDouble(), gateway.trials.getOrDefault(program, -1));
        }
        JsonNode decided = events(result.logsRoot(), "candidates_decided").get(0);
        System.out.printf(Locale.ROOT, "  winner: candidate %d, lower bound %.3f (%s)%n",
                decided.path("winner").asInt(), ((Number) result.context().get("harness.satisfaction_lower"))
                        .doubleValue(), decided.path("reason").asText());
    }

    /**
     * The judge containers the Docker engine reports started, from its event stream while the run lasts. Read live:
     * the engine keeps only its last few hundred events for {@code --since}, which other work on a shared engine
     * pushes out. Filtered by this process's owner label and the judge role; {@link #stop} keeps {@code runId}'s.
     */
    static final class JudgeStarts {
        private final Process process;
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread reader;

        private JudgeStarts(Process process) {
            this.process = process;
            this.reader = Thread.ofVirtual().start(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    in.lines().forEach(lines::add);
                } catch (IOException | java.io.UncheckedIOException ignored) {
                    // the stream ends when stop() ends the process
                }
            });
        }

        static JudgeStarts watch() throws IOException, InterruptedException {
            Process p = new ProcessBuilder("docker", "events", "--filter", "type=container", "--filter",
                    "event=start", "--filter", "label=" + SandboxLabels.OWNER + "=" + OwnerId.current(), "--filter",
                    "label=" + SandboxLabels.ROLE + "=" + SandboxLabels.ROLE_JUDGE, "--format",
                    "{{index .Actor.Attributes \"" + SandboxLabels.RUN + "\"}} {{.Actor.ID}}")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            Thread.sleep(1000); // let the subscription reach the engine before the first judge starts
            if (!p.isAlive()) {
                throw new IllegalStateException("docker events exited with " + p.exitValue());
            }
            return new JudgeStarts(p);
        }

        /** The ids of {@code runId}'s judge containers started so far (the stream lags the engine a little). */
        List<String> stop(String runId) throws InterruptedException {
            Thread.sleep(2000);
            process.destroy();
            process.waitFor();
            reader.join(5000);
            return lines.stream().filter(l -> l.startsWith(runId + " ")).map(l -> l.substring(runId.length() + 1))
                    .toList();
        }
    }

    private static List<JsonNode> events(Path logs, String type) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (e.path("type").asText().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Scenario i runs {@code sh prog.sh i} and expects {@code [i*i]}. */
    static Path suite(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("suite.yaml"), """
                name: squares
                trials: 1
                threshold: 0.9
                gate: lower_bound
                max_trials: 4
                disclosure: hints
                """);
        StringBuilder f = new StringBuilder("Feature: Squaring numbers\n  As a user I want the square of a number\n\n");
        for (int i = 1; i <= SCENARIOS; i++) {
            f.append("  Scenario: The square of ").append(i).append('\n')
                    .append("    When I run \"sh prog.sh ").append(i).append("\"\n")
                    .append("    Then the exit code is 0\n")
                    .append("    And stdout contains \"[").append(i * i).append("]\"\n\n");
        }
        Files.writeString(dir.resolve("squares.feature"), f.toString());
        return dir;
    }

    /** Judges in Docker judge containers against a suite loaded from a directory, as StoreGateway does a stored one. */
    static final class DirectoryGateway implements HarnessGateway {
        final Map<String, Integer> trials = new ConcurrentHashMap<>();
        final Map<String, Long> judgeMs = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicInteger judgments = new java.util.concurrent.atomic.AtomicInteger();
        private final Suite suite;
        private final DockerEngine engine;

        DirectoryGateway(Suite suite, DockerEngine engine) {
            this.suite = suite;
            this.engine = engine;
        }

        @Override
        public DisclosedJudgment judge(HarnessCall call, JudgeListener listener) {
            JudgeRequest request = JudgeRequest.of(suite, call.repository(), call.commit())
                    .withTrials(call.trials())
                    .withThreshold(call.threshold())
                    .withImage(IMAGE)
                    .withRunId(call.runId())
                    .withGate(call.gateOver(suite.settings().gate()), call.maxTrials());
            long t0 = System.nanoTime();
            Judgment judgment = new DockerJudge(engine, SandboxPolicy.DEFAULTS).judge(request, listener);
            String program = FakeGateway.fileAt(call, "prog.sh");
            judgeMs.merge(program, (System.nanoTime() - t0) / 1_000_000, Long::sum);
            trials.merge(program, judgment.totalTrials(), Integer::sum);
            judgments.incrementAndGet();
            return Disclosures.disclose(judgment);
        }
    }
}
