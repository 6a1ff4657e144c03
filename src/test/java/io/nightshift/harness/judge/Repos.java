package io.nightshift.harness.judge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: small git repositories made with the git CLI, as an agent's workspace would be. */
final class Repos {

    private Repos() {
    }

    /** A repository whose {@code app.sh} (executable) prints {@code output}, committed on main. */
    static Path app(Path dir, String output) throws IOException {
        Files.createDirectories(dir);
        git(dir, "init", "-q", "-b", "main");
        writeApp(dir, output);
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "app");
        return dir;
    }

    static void writeApp(Path dir, String output) throws IOException {
        Path app = dir.resolve("app.sh");
        Files.writeString(app, "#!/bin/sh\necho '" + output + "'\n");
        Files.setPosixFilePermissions(app, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String head(Path dir) {
        return git(dir, "rev-parse", "HEAD").strip();
    }

    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Test", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
