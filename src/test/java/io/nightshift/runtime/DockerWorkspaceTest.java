package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Files.readString(tmp.resolve("run/prep/tool_output.txt"))).startsWith("/workspace");
        assertThat(Files.readString(tmp.resolve("run/a/tool_output.txt"))).contains("prep.txt").doesNotContain("b.txt");
        assertThat(Files.readString(tmp.resolve("run/b/tool_output.txt"))).contains("prep.txt").doesNotContain("a.txt");
        List<String> tree = git(tmp.resolve("run/workspace"), "ls-tree", "-r", "--name-only",
                "nightshift/" + result.runId()).lines().toList();
        assertThat(tree).contains("prep.txt", "a.txt").doesNotContain("b.txt");
    }
}
