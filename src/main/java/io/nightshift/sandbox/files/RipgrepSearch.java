package io.nightshift.sandbox.files;

import io.nightshift.sandbox.FileAccessException;
import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.InvalidPatternException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * grep through ripgrep, run on this machine in the workspace root. Hidden files are searched, {@code .git} is
 * not, {@code .gitignore} rules apply (ripgrep's default). A regex ripgrep's engine rejects (look-around,
 * back-references) is retried with {@link RegexWalkSearch}, which reports the error if Java rejects it too.
 */
final class RipgrepSearch implements TextSearch {

    private static final long WAIT_AFTER_STOP_MS = 2_000;

    private final String executable;
    private final TextSearch fallback = new RegexWalkSearch();

    public RipgrepSearch(String executable) {
        this.executable = executable;
    }

    @Override
    public String search(WorkspacePaths paths, Path target, String pattern, GrepOptions options) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidPatternException(String.valueOf(pattern), "the search pattern is empty");
        }
        int max = TextSearch.effectiveMax(options);
        String shown = paths.relative(target);
        try {
            if (Files.isRegularFile(target) && TextFiles.looksBinary(target)) {
                return "";
            }
            Process rg = new ProcessBuilder(command(pattern, options, shown))
                    .directory(paths.hostRoot().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> drain(rg.getErrorStream()));
            List<String> out = new ArrayList<>();
            boolean truncated = false;
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(rg.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (out.size() == max) {
                        truncated = true;
                        break;
                    }
                    out.add(line.startsWith("./") ? line.substring(2) : line);
                }
            }
            if (truncated) {
                rg.destroy();
                out.add(TextSearch.truncationNote(max));
            }
            rg.waitFor(WAIT_AFTER_STOP_MS, TimeUnit.MILLISECONDS);
            int exit = rg.isAlive() ? 0 : rg.exitValue();
            if (!truncated && exit == 2 && out.isEmpty()) {
                String message = errors.completeOnTimeout("", 1, TimeUnit.SECONDS).join().strip();
                if (message.contains("regex")) {
                    return fallback.search(paths, target, pattern, options);
                }
                throw new FileAccessException(shown, "ripgrep failed: " + message);
            }
            return String.join("\n", out);
        } catch (IOException e) {
            throw new FileAccessException(shown, "cannot run ripgrep (" + executable + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileAccessException(shown, "search interrupted", e);
        }
    }

    private List<String> command(String pattern, GrepOptions options, String target) {
        List<String> cmd = new ArrayList<>(List.of(executable, "--no-config", "--no-heading", "--with-filename",
                "--line-number", "--color=never", "--sort=path", "--hidden", "--glob=!.git",
                "--max-columns=1000", "--max-columns-preview"));
        if (options.caseInsensitive()) {
            cmd.add("--ignore-case");
        }
        if (options.globFilter() != null && !options.globFilter().isBlank()) {
            cmd.add("--glob=" + options.globFilter());
        }
        cmd.add("--regexp=" + pattern);
        cmd.add("--");
        cmd.add(target);
        return cmd;
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
