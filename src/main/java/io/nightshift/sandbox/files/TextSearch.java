package io.nightshift.sandbox.files;

import io.nightshift.sandbox.GrepOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Searches file contents for the grep tool (coding-agent spec 3.3). Results are {@code path:line:text} lines in
 * path order, paths relative to the workspace root; when {@code maxResults} is reached a last line says so.
 * Implementations skip {@code .git} and binary files and never follow symbolic links.
 */
public interface TextSearch {

    /**
     * @param target an existing file or directory inside the workspace (already checked)
     * @throws io.nightshift.sandbox.InvalidPatternException for a regex that does not compile
     */
    String search(WorkspacePaths paths, Path target, String pattern, GrepOptions options);

    /** ripgrep when {@code rg} is on the PATH (looked up once per JVM), else the Java regex walk. */
    static TextSearch detect() {
        return Detected.INSTANCE;
    }

    /** The note appended when results were cut at {@code maxResults}. */
    static String truncationNote(int maxResults) {
        return "[results truncated at " + maxResults + " matches; narrow the pattern or raise max_results]";
    }

    /** {@code maxResults} with the spec default (100) for values below one. */
    static int effectiveMax(GrepOptions options) {
        return options.maxResults() > 0 ? options.maxResults() : GrepOptions.DEFAULTS.maxResults();
    }

    /** Holds the one-time PATH lookup. */
    final class Detected {
        static final TextSearch INSTANCE = ripgrepOnPath() ? new RipgrepSearch("rg") : new RegexWalkSearch();

        private Detected() {
        }

        private static boolean ripgrepOnPath() {
            String path = System.getenv("PATH");
            if (path == null) {
                return false;
            }
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rg"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
