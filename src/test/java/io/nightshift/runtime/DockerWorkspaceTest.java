package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In the Docker sandbox, the run workspace and each parallel branch's worktree are what /workspace shows. */
@Tag("docker")
class DockerWorkspaceTest {

    @TempDir
    Path tmp;

    @Test
    void eachBranchContainerMountsItsOwnWorktreeAndItsWorkIsCommitted() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "fan.dot", """
                digraph fan {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    prep  [shape=parallelogram, label="Prep", tool_command="pwd && echo prep > /workspace/prep.txt"]
                    split [shape=component]
                    a     [shape=parallelogram, label="Way A", tool_command="ls /workspace && echo a > /workspace/a.txt"]
                    b     [shape=parallelogram, label="Way B", tool_command="ls /workspace && echo b > /workspace/b.txt"]
                    join  [shape=tripleoctagon]
                    start -> prep -> split
                    split -> a
                    split -> b
                    a -> join
                    b -> join
                    join -> done
                }
                """);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), Map.of());
        RunRequest request = new RunRequest(pipeline, true, true, tmp.resolve("run"), null, Map.of(), null, "docker",
                source.toString(), null, false, false);
        RunLauncher.Plan plan = launcher.plan(request);

        RunResult result = launcher.run(request, plan, new AutoApproveInterviewer(), List.of(), line -> { });

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        for (String stage : List.of("prep", "a", "b")) {
            assertThat(tmp.resolve("run/" + stage + "/tool_output.txt")).as("stage %s ran its command: %s", stage,
                    stageReport(tmp.resolve("run"), stage)).exists();
        }
        assertThat(Files.readString(tmp.resolve("run/prep/tool_output.txt"))).startsWith("/workspace");
        assertThat(Files.readString(tmp.resolve("run/a/tool_output.txt"))).contains("prep.txt").doesNotContain("b.txt");
        assertThat(Files.readString(tmp.resolve("run/b/tool_output.txt"))).contains("prep.txt").doesNotContain("a.txt");
        List<String> tree = git(tmp.resolve("run/workspace"), "ls-tree", "-r", "--name-only",
                "nightshift/" + result.runId()).lines().toList();
        assertThat(tree).contains("prep.txt", "a.txt").doesNotContain("b.txt");
    }

    @Test
    void noContainerStartsBeforeAStageNeedsOne() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "lazy.dot", """
                digraph lazy {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    plan  [prompt="Plan"]
                    split [shape=component]
                    a     [prompt="Way A"]
                    b     [prompt="Way B"]
                    join  [shape=tripleoctagon]
                    check [shape=parallelogram, label="Check", tool_command="echo checked > /workspace/check.txt"]
                    start -> plan -> split
                    split -> a
                    split -> b
                    a -> join
                    b -> join
                    join -> check -> done
                }
                """);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), Map.of());
        RunRequest request = new RunRequest(pipeline, true, true, tmp.resolve("run"), null, Map.of(), null, "docker",
                source.toString(), null, false, false);
        Map<String, Long> containersWhen = new java.util.concurrent.ConcurrentHashMap<>();
        io.nightshift.event.EventSink census = event -> {
            if (event instanceof io.nightshift.event.PipelineEvent.StageStarted s) {
                containersWhen.put("before " + s.nodeId(), containersOf(event.runId()));
            } else if (event instanceof io.nightshift.event.PipelineEvent.StageCompleted s) {
                containersWhen.put("after " + s.nodeId(), containersOf(event.runId()));
            }
        };

        RunResult result = launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(),
                List.of(census), line -> { });

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(containersWhen).as("containers of the run when each stage started and ended")
                .containsEntry("before plan", 0L).containsEntry("after plan", 0L)
                .containsEntry("before a", 0L).containsEntry("before b", 0L).containsEntry("after join", 0L)
                .containsEntry("before check", 0L);
        assertThat(containersWhen.get("after check")).as("the tool stage started the run's container").isEqualTo(1L);
        assertThat(containersOf(result.runId())).as("removed at the end of the run").isZero();
        assertThat(git(tmp.resolve("run/workspace"), "show", "nightshift/" + result.runId() + ":check.txt"))
                .isEqualTo("checked\n");
    }

    /** What the run directory says of a stage, for a failure message. */
    private static String stageReport(Path runDir, String stage) throws java.io.IOException {
        Path status = runDir.resolve(stage).resolve("status.json");
        String events = Files.exists(runDir.resolve("events.jsonl"))
                ? Files.readAllLines(runDir.resolve("events.jsonl")).stream()
                        .filter(l -> l.contains("\"" + stage + "\"")).reduce("", (x, y) -> x + "\n" + y)
                : "no events.jsonl";
        return (Files.exists(status) ? Files.readString(status) : "no status.json") + events;
    }

    /** Managed containers labelled with this run (or one of its branches). */
    private static long containersOf(String runId) {
        try (io.nightshift.sandbox.docker.DockerEngine engine = io.nightshift.sandbox.docker.DockerEngine.connect()) {
            return new io.nightshift.sandbox.docker.SandboxReaper(engine).list().stream()
                    .filter(c -> c.runId().startsWith(runId)).count();
        }
    }

    @Test
    void aRootOwnedWorkspaceIsHandedBackSoTheHostsGitStillAcceptsIt() throws Exception {
        assumeThat((Integer) Files.getAttribute(tmp, "unix:uid")).as("the workspace must be root-owned: run as root")
                .isZero();
        Path ws = RunFixtures.sourceRepo(tmp);
        Path pipeline = RunFixtures.dot(tmp, "own.dot", """
                digraph own {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [shape=parallelogram, label="Work", tool_command="id -u > /workspace/uid.txt && mkdir -p /workspace/new && echo x > /workspace/new/x.txt && echo more >> /workspace/README.md"]
                    start -> work -> done
                }
                """);
        RunLauncher launcher = new RunLauncher(new PipelineLoader(), Map.of());
        RunRequest request = new RunRequest(pipeline, true, true, tmp.resolve("run"), null, Map.of(), ws, "docker",
                null, null, false, false);

        RunResult result = launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(),
                line -> { });

        assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
        assertThat(Files.readString(ws.resolve("uid.txt")).strip()).as("the sandbox ran as the agent user")
                .isEqualTo("1000");
        try (var all = Files.walk(ws)) {
            assertThat(all.filter(p -> !ownedBy(p, 0)).toList()).as("paths not given back to root").isEmpty();
        }
        RunFixtures.GitResult status = plainGit(ws, "status", "--porcelain");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.err()).doesNotContain("dubious ownership");
        assertThat(status.out()).isEmpty();
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(ws.toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(git.getRepository().getBranch()).isEqualTo("nightshift/" + result.runId());
        }
        assertThat(plainGit(ws, "show", "HEAD:new/x.txt").out()).isEqualTo("x\n");
    }

    private static boolean ownedBy(Path p, int uid) {
        try {
            return (Integer) Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS) == uid;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** git as a user runs it: no safe.directory exemption, no system config. */
    private static RunFixtures.GitResult plainGit(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", dir.getParent().toString());
        Path err = Files.createTempFile("git-err", ".txt");
        Process p = pb.redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String errText = Files.readString(err);
        Files.delete(err);
        return new RunFixtures.GitResult(exit, out, errText);
    }
}
