package io.nightshift.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The git CLI, run the way a user would, to build fixtures and check what the workspace produced; the one git runner
 * of the workspace and runtime tests.
 */
public final class GitCli {

    private GitCli() {
    }

    /** Runs git in {@code dir}, asserts success and returns stdout. */
    static String git(Path dir, String... args) {
        Result r = run(dir, args);
        assertThat(r.exit()).as("git %s failed: %s", String.join(" ", args), r.err()).isZero();
        return r.out();
    }

    public record Result(int exit, String out, String err) {
    }

    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test User", "-c",
                "user.email=test@example.com", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always",
                "-c", "commit.gpgsign=false", "-c", "safe.directory=*"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            Map<String, String> env = pb.environment();
            env.put("GIT_CONFIG_NOSYSTEM", "1");
            env.put("HOME", dir.toString());
            Path err = Files.createTempFile("git-err", ".txt");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            String errText = Files.readString(err);
            Files.delete(err);
            return new Result(exit, out, errText);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A source repository with two commits on main, a tag v1 on the first and a branch feature. */
    static Path sourceRepo(Path parent) throws IOException {
        Path repo = Files.createDirectories(parent.resolve("source"));
        git(repo, "init", "-q", "-b", "main");
        write(repo, "README.md", "hello\n");
        write(repo, "src/app.txt", "line 1\nline 2\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "first");
        git(repo, "tag", "v1");
        git(repo, "branch", "feature");
        write(repo, "src/app.txt", "line 1\nline 2\nline 3\n");
        git(repo, "commit", "-q", "-am", "second");
        return repo;
    }

    static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
