package io.nightshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nightshift.workspace.LocalSshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightshift run --repo ssh://...} as a user runs it, against a real sshd on loopback (issue 6). */
class SshIntakeIT {

    @TempDir
    Path dir;

    @Test
    void anSshSourceIsClonedWithTheUsersKeyAndAnUnknownHostIsOneClearLine() throws Exception {
        LocalSshd.assumeInstalled();
        Path source = Files.createDirectories(dir.resolve("source"));
        git(source, "init", "-q", "-b", "main");
        Files.writeString(source.resolve("README.md"), "hello\n");
        git(source, "add", "-A");
        git(source, "commit", "-q", "-m", "initial");
        Path bare = dir.resolve("remote.git");
        git(dir, "clone", "-q", "--bare", source.toString(), bare.toString());
        Path home = Files.createDirectories(dir.resolve("home"));
        Path key = home.resolve(".ssh/id_ed25519");
        Path pipeline = dir.resolve("p.dot");
        Files.writeString(pipeline, """
                digraph p {
                    start [shape=Mdiamond]
                    done  [shape=Msquare]
                    work  [shape=parallelogram, tool_command="cat README.md > seen.txt"]
                    start -> work -> done
                }
                """);
        try (LocalSshd sshd = LocalSshd.start(dir.resolve("sshd"), LocalSshd.keygen(key))) {
            String url = sshd.url(bare);

            Result unknown = run(home, "run", "p.dot", "--repo", url, "--logs-dir", "r1", "--sandbox", "local");

            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("nightshift: ", "host key is not known", "known_hosts")
                    .doesNotContain("\tat ", "Exception", Files.readString(key).lines().skip(1).findFirst().orElseThrow());

            Files.writeString(home.resolve(".ssh/known_hosts"), sshd.knownHostsLine());
            Result cloned = run(home, "run", "p.dot", "--repo", url, "--logs-dir", "r2", "--sandbox", "local");

            assertThat(cloned.exit()).as(cloned.out() + cloned.err()).isZero();
            assertThat(dir.resolve("r2/workspace/seen.txt")).hasContent("hello");
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Path home, String... args) throws Exception {
        ProcessBuilder pb = CliProcess.builder(dir, args);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("SSH_AUTH_SOCK");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("nightshift did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void git(Path in, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-c", "user.name=Test",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git " + String.join(" ", args) + ": " + output).isZero();
    }
}
