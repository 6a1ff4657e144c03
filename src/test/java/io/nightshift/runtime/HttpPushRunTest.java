package io.nightshift.runtime;

import static io.nightshift.runtime.RunFixtures.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.pipeline.engine.RunResult;
import io.nightshift.pipeline.engine.RunStatus;
import io.nightshift.pipeline.human.AutoApproveInterviewer;
import io.nightshift.workspace.LocalHttpGit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift run --repo http(s)://... --push}: the token comes from the environment and is logged nowhere. */
class HttpPushRunTest {

    private static final String TOKEN = "glpat-Nightshift0Run0Token0zyxw9876";

    @TempDir
    Path tmp;

    @Test
    void aRunClonesWithTheTokenPushesItsBranchAndNoFileOrNoticeHoldsTheToken() throws Exception {
        Path source = RunFixtures.sourceRepo(tmp);
        Path served = Files.createDirectories(tmp.resolve("served"));
        git(tmp, "clone", "-q", "--bare", source.toString(), served.resolve("app.git").toString());
        Path pipeline = RunFixtures.dot(tmp, "one.dot", """
                digraph one {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [shape=parallelogram, label="Work", tool_command="echo work > work.txt"]
                    start -> work -> done
                }
                """);
        Path logs = tmp.resolve("run");
        try (LocalHttpGit server = LocalHttpGit.start(served, "oauth2", TOKEN)) {
            String url = server.url("app.git");
            RunLauncher launcher = new RunLauncher(new PipelineLoader(),
                    Map.of("GITLAB_TOKEN", TOKEN, "NIGHTSHIFT_GIT_USER", "oauth2"));
            RunRequest request = new RunRequest(pipeline, true, true, logs, null, Map.of(), null, "local", url, null,
                    false, true);
            List<String> notices = new ArrayList<>();

            RunResult result = launcher.run(request, launcher.plan(request), new AutoApproveInterviewer(), List.of(),
                    notices::add);

            assertThat(result.status()).as(result.failureReason()).isEqualTo(RunStatus.SUCCESS);
            String branch = "nightshift/" + result.runId();
            assertThat(notices).anyMatch(n -> n.contains("pushed to " + url));
            assertThat(git(served.resolve("app.git"), "show", branch + ":work.txt")).isEqualTo("work\n");
            assertThat(String.join("\n", notices)).doesNotContain(TOKEN);
        }
        try (Stream<Path> files = Files.walk(logs)) {
            assertThat(files.filter(Files::isRegularFile).filter(f -> contains(f, TOKEN)).toList()).isEmpty();
        }
    }

    private static boolean contains(Path file, String secret) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
