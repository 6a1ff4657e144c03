package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract of DESIGN.md, checked on the packaged application: commands, aliases, exit codes, output. */
class CliContractIT {

    private static final String LINEAR = """
            digraph linear {
                graph [goal="Say hello"]
                start [shape=Mdiamond]
                exit  [shape=Msquare]
                greet [prompt="Greet: $goal"]
                start -> greet -> exit
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void validateAcceptsAValidPipelineWithExitZero() throws Exception {
        write("ok.dot", LINEAR);
        CliProcess.Result r = CliProcess.run(dir, "validate", "ok.dot");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("ok.dot: valid (3 nodes, 2 edges)");
    }

    @Test
    void validateReportsLintErrorsAsLocatedLinesWithExitOne() throws Exception {
        write("bad.dot", "digraph g {\n  start [shape=Mdiamond]\n  a [shape=hexgon, prompt=\"x\"]\n  start -> a\n}\n");
        CliProcess.Result r = CliProcess.run(dir, "validate", "bad.dot");
        assertThat(r.exitCode()).isEqualTo(1);
        // an unknown shape falls back to codergen with a warning (attractor-spec 2.8); the missing exit is the error
        assertThat(r.stderr()).contains("bad.dot:3:").contains("warning shape_known: node 'a' has shape 'hexgon'")
                .contains("did you mean 'hexagon'?").contains("error terminal_node:");
        assertThat(r.stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validateJsonPrintsTheDiagnosticsAsOneDocument() throws Exception {
        write("bad.dot", "digraph g {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n  start -> exit [condition=\"outcome=\"]\n}\n");
        CliProcess.Result r = CliProcess.run(dir, "validate", "--json", "bad.dot");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(r.stdout());
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(report.path("diagnostics").findValuesAsText("rule")).contains("condition_syntax");
        assertThat(report.path("diagnostics").get(0).path("line").asInt()).isEqualTo(4);
    }

    @Test
    void unusableInputExitsWithTwoAndOneLocatedLineEach() throws Exception {
        write("undirected.dot", "graph g { a -- b }");
        // strict graphs and balanced HTML-like labels are Graphviz DOT (issue 15); these are not
        write("quote.dot", "digraph g { a [label=\"say \"hi\" now\"] }");
        write("html.dot", "digraph g { a [label=<b>bold</b] }");
        write("open.dot", "digraph g { a [label=\"never closed] }");
        write("comment.dot", "digraph g { /* never closed }");
        Files.write(dir.resolve("latin1.dot"), new byte[] {'d', 'i', 'g', 'r', 'a', 'p', 'h', ' ', (byte) 0xe9});
        for (String file : new String[] {"undirected.dot", "quote.dot", "html.dot", "open.dot", "comment.dot",
                "latin1.dot", "missing.dot"}) {
            CliProcess.Result r = CliProcess.run(dir, "validate", file);
            assertThat(r.exitCode()).as(file).isEqualTo(2);
            assertThat(r.stderr()).as(file).startsWith(file + ":").contains("error").doesNotContain("\tat ");
        }
    }

    @Test
    void aTenMegabyteSourceIsRefusedQuicklyWithAClearMessage() throws Exception {
        Path big = dir.resolve("big.dot");
        Files.writeString(big, "digraph g {\n" + "// padding padding padding padding padding padding\n".repeat(210_000) + "}\n");
        CliProcess.Result r = CliProcess.run(dir, "validate", "big.dot");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("big.dot").contains("MiB").contains("limit");
    }

    @Test
    void runPrintsProgressAndTheRunDirectory() throws Exception {
        write("linear.dot", LINEAR);
        CliProcess.Result r = CliProcess.run(dir, "run", "linear.dot", "--logs-dir", "out", "--sandbox", "local", "--simulate");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("✓ greet success").contains("simulated run (no model called): succeeded in")
                .contains("out");
        assertThat(Files.readString(dir.resolve("out/manifest.json"))).contains("\"simulated\":true");
        assertThat(dir.resolve("out/greet/response.md")).exists();
        assertThat(dir.resolve("out/events.jsonl")).exists();
    }

    @Test
    void quietRunPrintsNothingOnSuccess() throws Exception {
        write("linear.dot", LINEAR);
        CliProcess.Result r = CliProcess.run(dir, "run", "--quiet", "linear.dot", "--logs-dir", "q", "--sandbox", "local",
                "--simulate");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void attractorAliasesWork() throws Exception {
        write("linear.dot", LINEAR);
        CliProcess.Result bare = CliProcess.run(dir, "linear.dot", "--logs", "bare", "--sandbox", "local", "--simulate");
        assertThat(bare.exitCode()).as(bare.stderr()).isZero();
        assertThat(dir.resolve("bare/checkpoint.json")).exists();

        CliProcess.Result validate = CliProcess.run(dir, "--validate", "linear.dot");
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.stdout()).contains("valid");

        CliProcess.Result resume = CliProcess.run(dir, "--resume", "bare", "linear.dot", "--sandbox", "local",
                "--simulate");
        assertThat(resume.exitCode()).as(resume.stderr()).isZero();
    }

    @Test
    void withoutAProviderARunWithLlmStagesAsksForAKeyOrSimulateInsteadOfSimulating() throws Exception {
        write("linear.dot", LINEAR);
        ProcessBuilder pb = CliProcess.builder(dir, "run", "linear.dot", "--logs-dir", "nokey", "--sandbox", "local");
        for (String key : List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY",
                "OPENAI_COMPATIBLE_BASE_URL")) {
            pb.environment().remove(key);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("1 LLM stage (greet)", "ANTHROPIC_API_KEY", "--simulate").doesNotContain("\tat ");
        assertThat(out).doesNotContain("succeeded");
        assertThat(dir.resolve("nokey/greet")).doesNotExist();
    }

    @Test
    void aFailingPipelineExitsWithOneAndNamesTheStage() throws Exception {
        write("fails.dot", """
                digraph fails {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    broken [shape=parallelogram, tool_command="echo 'compiler says no' >&2; exit 3"]
                    start -> broken -> exit
                }
                """);
        CliProcess.Result r = CliProcess.run(dir, "run", "fails.dot", "--logs-dir", "f", "--workspace", ".", "--sandbox", "local");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("failed at 'broken'").contains("compiler says no");
    }

    @Test
    void runRefusesAnInvalidPipelineWithExitOneAndAnUnreadableOneWithTwo() throws Exception {
        write("nostart.dot", "digraph g { a [prompt=\"x\"] exit [shape=Msquare] a -> exit }");
        assertThat(CliProcess.run(dir, "run", "nostart.dot", "--sandbox", "local").exitCode()).isEqualTo(1);
        assertThat(CliProcess.run(dir, "run", "nothing-here.dot", "--sandbox", "local").exitCode()).isEqualTo(2);
    }

    @Test
    void resumingADirectoryThatHoldsNoRunIsBadInput() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        CliProcess.Result r = CliProcess.run(dir, "run", "--resume", "empty", "--sandbox", "local");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("holds no manifest.json or checkpoint.json");
    }

    @Test
    void withoutAReachableDockerEngineTheDefaultSandboxRefusesAndSaysWhatToDo() throws Exception {
        // a tool stage needs the sandbox (a simulated run of LLM stages alone starts none and needs no engine)
        write("tool.dot", LINEAR.replace("start -> greet -> exit",
                "check [shape=parallelogram, tool_command=\"true\"]\n    start -> greet -> check -> exit"));
        ProcessBuilder pb = CliProcess.builder(dir, "run", "tool.dot", "--logs-dir", "nodocker", "--simulate");
        pb.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-such.sock"));
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err).contains("Start Docker").contains("--sandbox local").doesNotContain("\tat ");
    }

    @Test
    @org.junit.jupiter.api.Tag("docker")
    void toolStagesRunInTheHardenedDockerSandboxByDefault() throws Exception {
        write("probe.dot", """
                digraph probe {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    probe [shape=parallelogram, prompt="the prompt text",
                           tool_command="echo uid=$(id -u) pwd=$(pwd); cat /proc/self/status | grep CapEff; (getent hosts example.com || echo no-dns); cat $ATTRACTOR_PROMPT_FILE"]
                    start -> probe -> exit
                }
                """);
        CliProcess.Result r = CliProcess.run(dir, "run", "probe.dot", "--logs-dir", "sandboxed");
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        String out = Files.readString(dir.resolve("sandboxed/probe/tool_output.txt"));
        assertThat(out).contains("uid=1000", "pwd=/workspace", "CapEff:\t0000000000000000", "no-dns", "the prompt text");
        assertThat(dir.resolve("sandboxed/workspace")).isDirectory();
    }

    @Test
    void humanGatesAreAnsweredOnStandardInput() throws Exception {
        write("gate.dot", """
                digraph gate {
                    start [shape=Mdiamond]
                    exit  [shape=Msquare]
                    ask   [shape=hexagon, label="Ship it?"]
                    ship  [prompt="ship"]
                    fix   [prompt="fix"]
                    start -> ask
                    ask -> ship [label="[S] Ship"]
                    ask -> fix  [label="[F] Fix"]
                    ship -> exit
                    fix -> exit
                }
                """);
        Process p = CliProcess.builder(dir, "run", "gate.dot", "--logs-dir", "g", "--sandbox", "local", "--simulate")
                .redirectErrorStream(true).start();
        p.getOutputStream().write("F\n".getBytes());
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("[?] Ship it?").contains("✓ fix success").doesNotContain("✓ ship");
    }
}
