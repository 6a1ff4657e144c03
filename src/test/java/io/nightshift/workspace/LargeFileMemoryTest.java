package io.nightshift.workspace;

import static io.nightshift.workspace.GitCli.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeFileMemoryTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void a200MegabyteFileIsCommittedAndDeliveredWithA64MegabyteHeap() throws IOException, InterruptedException {
        Path dir = Files.createDirectories(tmp.resolve("ws"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeFileChild.class.getName(), dir.toString(), tmp.resolve("out").toString(), String.valueOf(SIZE))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(240, TimeUnit.SECONDS)).as("child finished").isTrue();
        String log = Files.readString(tmp.resolve("child.log"), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains("OK ").contains("Committed a large file 'big.bin' (200 MB");
        assertThat(git(dir, "cat-file", "-s", "HEAD:big.bin").strip()).isEqualTo(String.valueOf(SIZE));
        assertThat(git(dir, "status", "--porcelain")).isEmpty();
        GitCli.Result verify = GitCli.run(dir, "bundle", "verify", tmp.resolve("out/run.bundle").toString());
        assertThat(verify.exit()).as(verify.err()).isZero();
    }
}
