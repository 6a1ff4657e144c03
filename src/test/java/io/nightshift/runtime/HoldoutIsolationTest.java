package io.nightshift.runtime;

import static io.nightshift.agent.Script.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nightshift.harness.DisclosedJudgment;
import io.nightshift.harness.JudgeListener;
import io.nightshift.harness.SuiteFiles;
import io.nightshift.harness.store.DockerScenarioStore;
import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.runtime.harness.HarnessCall;
import io.nightshift.runtime.harness.StoreGateway;
import io.nightshift.sandbox.docker.DockerEngine;
import io.nightshift.sandbox.docker.ServiceContainers;
import io.nightshift.sandbox.docker.SandboxPolicy;
import io.nightshift.twin.TwinScripts;
import io.nightshift.twin.TwinServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holdout isolation against the real engine (issue 8): suites in the real scenario store, the production
 * {@link StoreGateway} judging in judge containers, runs through {@link RunLauncher} in the Docker sandbox, and the
 * LLM twin playing an agent that hunts for the scenarios with shell commands, then one that forges scenario files.
 *
 * <p>Every scenario string carries a marker: {@code qs<id>...} for what must stay secret at every level (step
 * commands, expected values, doc strings, file paths) and {@code qt<id>...} for titles and stories, which
 * {@code hints} discloses for failing scenarios and {@code verdict} never. The agent's own commands search for the
 * markers through a pattern ({@code q[st]<id>}) that does not contain them, so finding one anywhere is a leak.
 */
@Tag("docker")
class HoldoutIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HINTS_ID = randomId();
    private static final String VERDICT_ID = randomId();
    private static final String HINTS_SUITE = "iso-hints-" + HINTS_ID;
    private static final String VERDICT_SUITE = "iso-verdict-" + VERDICT_ID;
    private static final String MODEL = "claude-opus-4-6";

    /**
     * First version: fails, and repeats the hidden checks back every way a program might: its arguments whole, one
     * by one and upper-cased, its input whole and word by word in lower case.
     */
    static final String ECHOING_APP = """
            import sys
            args = sys.argv[1:]
            print("got:", " ".join(args))
            print("arg:", args[-1] if args else "")
            print("ARGS:", " ".join(args).upper())
            if args and args[0] == "echo":
                text = sys.stdin.read()
                sys.stdout.write(text)
                for word in text.split():
                    print("word:", word.lower())
            sys.exit(1)
            """;
    /** Second version: shouts right, echoes input (which the second scenario does not accept). */
    static final String HALF_RIGHT_APP = """
            import sys
            args = sys.argv[1:]
            if args[0] == "shout":
                print(" ".join(args[1:]).upper())
            elif args[0] == "echo":
                sys.stdout.write(sys.stdin.read())
            """;

    private static DockerEngine engine;
    private static DockerScenarioStore store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void importSuites() {
        engine = DockerEngine.connect();
        store = new DockerScenarioStore(engine);
        store.importSuite(HINTS_SUITE, suite(HINTS_SUITE, "hints", HINTS_ID));
        store.importSuite(VERDICT_SUITE, suite(VERDICT_SUITE, "verdict", VERDICT_ID));
    }

    @AfterAll
    static void removeSuites() {
        try {
            store.remove(HINTS_SUITE);
            store.remove(VERDICT_SUITE);
        } finally {
            engine.close();
        }
    }

    private static String randomId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Two scenarios with markers in the story, titles, commands, expected values, a doc string and a file path. */
    static SuiteFiles suite(String name, String disclosure, String id) {
        String secret = "qs" + id;
        String told = "qt" + id;
        String feature = """
                Feature: Shouting and echoing %2$sstory
                  As a %2$sstory user I want my words shouted back

                  Scenario: Shouts the words %2$stitle1
                    When I run "python3 app.py shout %1$scmd"
                    Then the exit code is 0
                    And stdout contains "%3$sCMD"
                    And stdout does not contain "%1$sneg"

                  Scenario: Echoes input %2$stitle2
                    When I run "python3 app.py echo" with the input:
                      \"\"\"
                      %1$sdoc line
                      \"\"\"
                    Then the exit code is 0
                    And stdout contains "%1$sexpected"
                    And the file "%1$sfile.txt" does not exist
                """.formatted(secret, told, secret.toUpperCase(Locale.ROOT));
        return new SuiteFiles(Map.of("suite.yaml", "name: " + name + "\ntrials: 1\ndisclosure: " + disclosure
                + "\nthreshold: 0.5\n", "features/iso.feature", feature));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. An agent that searches the sandbox finds no scenario; no scenario text leaks at hints or verdict.
    // ---------------------------------------------------------------------------------------------------------

    /** Shell commands an agent looking for the scenarios would try; each output starts with its name. */
    static Map<String, String> probes(int twinPort) {
        String pattern = "q[st](" + HINTS_ID + "|" + VERDICT_ID + ")";
        Map<String, String> probes = new java.util.LinkedHashMap<>();
        probes.put("files", "find / -xdev \\( -name '*.feature' -o -name 'suite.yaml' -o -iname '*scenario-store*' "
                + "-o -iname 'nightshift-scenarios' \\) 2>/dev/null; echo find-done");
        probes.put("grep", "grep -rIils -E '" + pattern + "' / --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev "
                + "; grep -rIils -E '" + pattern + "' /proc/1/environ /proc/self/environ /proc/1/cmdline; "
                + "echo grep-done");
        probes.put("mounts", "cat /proc/mounts");
        probes.put("env", "env; echo; tr '\\0' '\\n' < /proc/1/environ; echo env-done");
        probes.put("socket", "ls -la /var/run/docker.sock /run/docker.sock /var/run/docker /run/containerd 2>&1; "
                + "find / -xdev -type s 2>/dev/null | grep -v '^/proc' ; echo socket-done");
        probes.put("network", "ls /sys/class/net; echo; getent hosts example.com host.docker.internal; "
                + "echo dns-exit=$?; curl -sS --max-time 3 http://172.17.0.1:2375/containers/json; echo gw-exit=$?; "
                + "curl -sS --max-time 3 http://127.0.0.1:" + twinPort + "/v1/messages; echo loop-exit=$?; "
                + "curl -sS --max-time 3 --unix-socket /var/run/docker.sock http://docker/containers/json; "
                + "echo sock-exit=$?; python3 -c \"import socket; s=socket.socket(); s.settimeout(3); "
                + "s.connect(('172.17.0.1', 2375))\" 2>/dev/null; echo tcp-exit=$?");
        return probes;
    }

    static Object[] shellCalls(Map<String, String> probes) {
        List<Object> calls = new ArrayList<>();
        probes.forEach((name, command) -> {
            calls.add("shell");
            calls.add(Map.of("command", "echo '== " + name + " =='; " + command, "timeout_ms", 120_000));
        });
        return calls.toArray();
    }

    @Test
    void anAgentSearchingTheSandboxFindsNoScenarioAndNoScenarioTextLeaksAtHintsOrVerdict() throws Exception {
        String dot = """
                digraph iso {
                    graph [goal="a program that shouts and echoes"]
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write app.py", llm_provider="anthropic", llm_model="%3$s",
                               harness.suite="%1$s", harness.threshold=0.5, harness.max_rounds=2]
                    gate   [type="harness", harness.suite="%2$s", harness.threshold=0.5]
                    review [prompt="Review the work", llm_provider="anthropic", llm_model="%3$s"]
                    start -> implement -> gate -> review -> done
                }
                """.formatted(HINTS_SUITE, VERDICT_SUITE, MODEL);
        ContainerWatch watch = new ContainerWatch();
        RunResult result;
        List<JsonNode> requests;
        Map<String, String> probes;
        // The probes need the twin's port (a host loopback service to try to reach), so the script comes second.
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script().text("placeholder").build()))) {
            probes = probes(twin.port());
            List<Object> firstCalls = new ArrayList<>(List.of(shellCalls(probes)));
            firstCalls.addAll(List.of("write_file", Map.of("file_path", "app.py", "content", ECHOING_APP)));
            twin.reset(TwinScripts.parse(script()
                    .tools(firstCalls.toArray())
                    .text("Done.")
                    .tools("write_file", Map.of("file_path", "app.py", "content", HALF_RIGHT_APP),
                            "shell", Map.of("command", "echo '== after feedback =='; grep -rIils -E 'q[s]("
                                    + HINTS_ID + "|" + VERDICT_ID + ")|q[t]" + VERDICT_ID + "' / --exclude-dir=proc "
                                    + "--exclude-dir=sys --exclude-dir=dev; echo grep-done",
                                    "timeout_ms", 60_000))
                    .text("Fixed.")
                    .text("Reviewed.")
                    .build()));
            try (StoreGateway gateway = new StoreGateway(twinEnvironment(twin))) {
                watch.start();
                try {
                    result = run(dot, gateway, twinEnvironment(twin));
                } finally {
                    watch.stop();
                }
            }
            requests = twin.requests().stream().map(r -> r.json()).toList();
            assertThat(twin.remainingSteps()).as("the agent played its whole script").isZero();
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        Path logs = result.logsRoot();
        assertThat(requests).hasSize(5);

        // What the agent saw of the sandbox: its probes ran, found nothing and reached nothing.
        String toolOutput = toolResults(requests.get(1));
        for (String name : probes.keySet()) {
            assertThat(toolOutput).as("probe %s ran", name).contains("== " + name + " ==");
        }
        assertThat(section(toolOutput, "files")).as("no suite file anywhere in the sandbox").isEqualTo("find-done");
        assertThat(section(toolOutput, "grep")).as("no marker in any readable file of the sandbox")
                .isEqualTo("grep-done");
        assertThat(section(toolOutput, "mounts")).contains(" /workspace ").doesNotContain("scenario");
        assertThat(section(toolOutput, "env")).contains("env-done").doesNotContainIgnoringCase("scenario")
                .doesNotContain("ANTHROPIC", "DOCKER_HOST");
        assertThat(section(toolOutput, "socket")).contains("No such file").doesNotContain("docker.sock ->")
                .doesNotContain("srw").endsWith("socket-done");
        String network = section(toolOutput, "network");
        assertThat(network.lines().findFirst().orElse("")).as("only the loopback interface").isEqualTo("lo");
        assertThat(network).doesNotContain("dns-exit=0", "gw-exit=0", "loop-exit=0", "sock-exit=0", "tcp-exit=0")
                .contains("dns-exit=", "gw-exit=", "loop-exit=", "sock-exit=", "tcp-exit=");
        assertThat(section(toolResults(requests.get(3)), "after feedback"))
                .as("after a judgment, still no secret anywhere the agent can read (the run directory, visible "
                        + "read-only, holds only what was disclosed)").isEqualTo("grep-done");

        // The judgments really ran the hidden steps: the second version satisfies exactly the shouting scenario.
        JsonNode hints = JSON.readTree(logs.resolve("harness/2.json").toFile());
        assertThat(hints.path("satisfaction").asDouble()).isEqualTo(0.5);
        JsonNode verdict = JSON.readTree(logs.resolve("harness/3.json").toFile());
        assertThat(verdict.path("satisfaction").asDouble()).isEqualTo(0.5);

        // The scenario text is nowhere: tool outputs, what the agent was told, the run directory, the workspace
        // with every git object, events; titles and stories only for failing scenarios of the hints suite.
        String told = String.join("\n", requests.stream().map(JsonNode::toString).toList());
        String runDir = everyFile(logs);
        String objects = gitObjects(logs.resolve("workspace"));
        for (String where : List.of("twin requests", "run directory", "git objects")) {
            String text = switch (where) {
                case "twin requests" -> told;
                case "run directory" -> runDir;
                default -> objects;
            };
            assertNoMarker(text, "qs" + HINTS_ID, where + " (hints suite: steps, expected values, doc strings)");
            assertNoMarker(text, "qs" + VERDICT_ID, where + " (verdict suite: steps, expected values, doc strings)");
            assertNoMarker(text, "qt" + VERDICT_ID, where + " (verdict suite: titles, stories)");
        }
        assertThat(objects).as("the git objects were read").contains("harness: implement round 1 against suite");
        String events = Files.readString(logs.resolve("events.jsonl"));
        assertThat(events).as("hints disclosed the failing scenarios' titles and story")
                .contains("Echoes input qt" + HINTS_ID + "title2", "As a qt" + HINTS_ID + "story user");
        assertThat(told).as("and the agent was told them").contains("Echoes input qt" + HINTS_ID + "title2")
                .contains("[hidden]");
        assertThat(requests.get(4).toString()).as("the verdict reached the next stage as counts only")
                .contains("scenario 2: 0 of 1 runs passed").contains("held out");

        // The judge and the store never shared a network with the sandbox; only the store mounts its volume.
        watch.assertIsolated(result.runId(), logs);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. An agent that forges scenario files gains nothing.
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void anAgentThatWritesFilesLookingLikeScenariosGainsNothing() throws Exception {
        String dot = """
                digraph forge {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    implement [prompt="Write app.py", llm_provider="anthropic", llm_model="%2$s"]
                    gate [type="harness", harness.suite="%1$s", harness.threshold=0]
                    start -> implement -> gate -> done
                }
                """.formatted(HINTS_SUITE, MODEL);
        String fakeSuite = "name: " + HINTS_SUITE + "\ntrials: 1\ndisclosure: full\nthreshold: 0\n";
        String fakeFeature = """
                Feature: Everything passes
                  Scenario: Always
                    When I run "true"
                    Then the exit code is 0
                """;
        String script = script()
                .tools("write_file", Map.of("file_path", "app.py", "content", HALF_RIGHT_APP),
                        "write_file", Map.of("file_path", "suite.yaml", "content", fakeSuite),
                        "write_file", Map.of("file_path", "features/iso.feature", "content", fakeFeature),
                        "write_file", Map.of("file_path", "scenario-store/suites/" + HINTS_SUITE + "/suite.yaml",
                                "content", fakeSuite),
                        "write_file", Map.of("file_path", "scenario-store/suites/" + HINTS_SUITE
                                + "/features/iso.feature", "content", fakeFeature),
                        "shell", Map.of("command", "mkdir -p /tmp/scenarios && cp -r features suite.yaml /tmp/scenarios"
                                + " && cp -r features suite.yaml \"$HOME\"/ ; echo forged"))
                .text("Everything passes.")
                .build();
        RunResult result;
        DisclosedJudgment clean;
        try (TwinServer twin = TwinServer.start(TwinScripts.parse(script));
                StoreGateway gateway = new StoreGateway(twinEnvironment(twin))) {
            result = run(dot, gateway, twinEnvironment(twin));
            clean = gateway.judge(new HarnessCall("iso-clean-" + HINTS_ID, "clean", HINTS_SUITE,
                    cleanRepo(HALF_RIGHT_APP), "HEAD", null, null, SandboxPolicy.DEFAULT_IMAGE, null),
                    JudgeListener.NONE);
        }

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        Path ws = result.logsRoot().resolve("workspace");
        String branch = "nightshift/" + result.runId();
        assertThat(RunFixtures.git(ws, "ls-tree", "-r", "--name-only", branch).lines().toList())
                .as("the forgeries were committed, so the judged snapshot had them")
                .contains("app.py", "suite.yaml", "features/iso.feature",
                        "scenario-store/suites/" + HINTS_SUITE + "/suite.yaml");
        JsonNode forged = JSON.readTree(result.logsRoot().resolve("harness/1.json").toFile());
        assertThat(clean.satisfaction()).as("the same program without the forgeries").isEqualTo(0.5);
        assertThat(forged.path("satisfaction").asDouble()).as("satisfaction with the forgeries")
                .isEqualTo(clean.satisfaction());
        assertThat(forged.path("satisfied_trials").asInt()).isEqualTo(clean.satisfiedTrials());
        assertThat(forged.path("total_trials").asInt()).as("the store's two scenarios, not the forged one")
                .isEqualTo(clean.totalTrials()).isEqualTo(2);
        assertThat(forged.path("disclosure").asText()).as("the store's disclosure level, not the forged full")
                .isEqualTo("hints");
        assertThat(forged.path("version").asText()).isEqualTo(clean.version());
        assertThat(forged.toString()).doesNotContain("Everything passes", "Always");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Map<String, String> twinEnvironment(TwinServer twin) {
        return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "ANTHROPIC_API_KEY",
                twin.apiKey(), "ANTHROPIC_BASE_URL", twin.baseUrl());
    }

    private RunResult run(String dot, StoreGateway gateway, Map<String, String> env) throws IOException {
        Path pipeline = RunFixtures.dot(tmp, "iso.dot", dot);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), env, java.time.Clock.systemUTC(), gateway);
        RunRequest request = new RunRequest(pipeline, false, true, tmp.resolve("run"), null, Map.of(), null, "docker");
        return launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(), line -> { });
    }

    private Path cleanRepo(String app) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve("clean"));
        RunFixtures.git(repo, "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("app.py"), app);
        RunFixtures.git(repo, "add", "-A");
        RunFixtures.git(repo, "commit", "-q", "-m", "the program alone");
        return repo;
    }

    private static void assertNoMarker(String text, String marker, String where) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(marker.toLowerCase(Locale.ROOT));
        assertThat(at).as("%s found in %s: ...%s...", marker, where,
                at < 0 ? "" : text.substring(Math.max(0, at - 300), Math.min(text.length(), at + 100))).isNegative();
    }

    /** The text of the tool results an Anthropic request carries back to the model. */
    private static String toolResults(JsonNode request) {
        StringBuilder out = new StringBuilder();
        for (JsonNode message : request.path("messages")) {
            for (JsonNode block : message.path("content")) {
                if (!block.path("type").asText().equals("tool_result")) {
                    continue;
                }
                JsonNode content = block.path("content");
                if (content.isTextual()) {
                    out.append(content.asText()).append('\n');
                }
                for (JsonNode part : content) {
                    out.append(part.path("text").asText()).append('\n');
                }
            }
        }
        return out.toString();
    }

    /** What a probe printed after its {@code == name ==} line, up to the shell tool's exit-code line. */
    private static String section(String output, String name) {
        int start = output.indexOf("== " + name + " ==");
        assertThat(start).as("output of probe %s in %s", name, output).isNotNegative();
        String rest = output.substring(start + name.length() + 6);
        int end = rest.indexOf("\n[exit");
        int next = rest.indexOf("\n== ");
        int cut = Stream.of(end, next, rest.length()).filter(i -> i >= 0).min(Integer::compare).orElseThrow();
        return rest.substring(0, cut).strip();
    }

    /** Every file under {@code root}, read as bytes (ISO-8859-1 keeps ASCII markers findable in any encoding). */
    private static String everyFile(Path root) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append("\n### ").append(root.relativize(file)).append('\n')
                        .append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    /** Every object of the repository, reachable or not (snapshot commits included), uncompressed; and its logs. */
    private static String gitObjects(Path repo) {
        return RunFixtures.git(repo, "cat-file", "--batch-all-objects", "--batch")
                + RunFixtures.git(repo, "log", "-p", "--all", "--reflog");
    }

    /** Inspects every Nightshift container that runs while it watches, and the store container. */
    private static final class ContainerWatch {

        private final Map<String, JsonNode> seen = new ConcurrentHashMap<>();
        private final Set<String> mountingSeen = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean done = new AtomicBoolean();
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (!done.get()) {
                    for (String id : docker("ps", "-q", "--no-trunc", "--filter", "label=io.nightshift.managed=true")
                            .lines().filter(l -> !l.isBlank()).toList()) {
                        seen.computeIfAbsent(id, ContainerWatch::inspect);
                    }
                    mountingSeen.addAll(new ServiceContainers(engine).containersMounting(DockerScenarioStore.VOLUME));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "container-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            done.set(true);
            thread.join();
        }

        void assertIsolated(String runId, Path logsRoot) throws IOException {
            List<JsonNode> ofRun = seen.values().stream().filter(c -> c != null)
                    .filter(c -> runId.equals(c.at("/Config/Labels/io.nightshift.run").asText())).toList();
            List<JsonNode> judges = ofRun.stream()
                    .filter(c -> "judge".equals(c.at("/Config/Labels/io.nightshift.role").asText())).toList();
            List<JsonNode> sandboxes = ofRun.stream()
                    .filter(c -> c.at("/Config/Labels/io.nightshift.role").isMissingNode()).toList();
            assertThat(sandboxes).as("the run's sandbox was seen").isNotEmpty();
            assertThat(judges).as("its judge containers were seen").isNotEmpty();
            JsonNode storeContainer = inspect(DockerScenarioStore.CONTAINER);
            assertThat(storeContainer).isNotNull();
            for (JsonNode c : Stream.concat(Stream.concat(sandboxes.stream(), judges.stream()),
                    Stream.of(storeContainer)).toList()) {
                String name = c.path("Name").asText();
                assertThat(c.at("/HostConfig/NetworkMode").asText()).as("network mode of %s", name).isEqualTo("none");
                List<String> networks = new ArrayList<>();
                c.at("/NetworkSettings/Networks").fieldNames().forEachRemaining(networks::add);
                assertThat(networks).as("networks of %s", name).allMatch("none"::equals);
                if (c != storeContainer) {
                    assertThat(c.at("/Mounts").toString()).as("mounts of %s", name)
                            .doesNotContain(DockerScenarioStore.VOLUME);
                }
            }
            for (JsonNode sandbox : sandboxes) {
                assertThat(sandbox.at("/Mounts").findValuesAsText("Destination")).as("what the sandbox mounts: "
                        + "the workspace, and the run directory read-only for the ATTRACTOR_* paths")
                        .containsExactlyInAnyOrder("/workspace", logsRoot.toAbsolutePath().toString());
                for (JsonNode mount : sandbox.at("/Mounts")) {
                    if (!mount.path("Destination").asText().equals("/workspace")) {
                        assertThat(mount.path("RW").asBoolean()).as("the run directory is read-only").isFalse();
                    }
                }
                assertThat(sandbox.at("/Mounts").toString()).doesNotContain("nightshift-judge-");
            }
            for (JsonNode judge : judges) {
                assertThat(judge.at("/Mounts").findValuesAsText("Destination")).as("what a judge container mounts")
                        .containsExactly("/workspace");
                assertThat(judge.at("/Mounts/0/Source").asText()).as("its own snapshot copy")
                        .contains("nightshift-judge-");
            }
            assertThat(mountingSeen).as("containers mounting the store volume during the run")
                    .containsExactly(DockerScenarioStore.CONTAINER);
            assertThat(new ServiceContainers(engine).containersMounting(DockerScenarioStore.VOLUME))
                    .containsExactly(DockerScenarioStore.CONTAINER);
        }

        private static JsonNode inspect(String id) {
            try {
                JsonNode all = JSON.readTree(docker("inspect", id));
                return all == null || all.isEmpty() ? null : all.get(0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String docker(String... args) {
            List<String> command = new ArrayList<>(List.of("docker"));
            command.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return out;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
