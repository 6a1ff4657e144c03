package io.nightshift.sandbox.files;

import io.nightshift.sandbox.FileAccessException;
import io.nightshift.sandbox.GrepOptions;
import io.nightshift.sandbox.InvalidPatternException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The grep fallback when ripgrep is absent: java.util.regex over every text file under the target, in path order.
 * The glob filter matches the file name when it has no {@code /}, else the path relative to the target.
 * Unlike ripgrep it does not read {@code .gitignore}.
 */
public final class RegexWalkSearch implements TextSearch {

    private static final int MAX_LINE_CHARS = 1000;

    @Override
    public String search(WorkspacePaths paths, Path target, String pattern, GrepOptions options) {
        Pattern regex = compile(pattern, options.caseInsensitive());
        GlobMatcher filter = options.globFilter() == null || options.globFilter().isBlank()
                ? null : GlobMatcher.compile(options.globFilter());
        boolean filterOnName = filter != null && !options.globFilter().contains("/");
        int max = TextSearch.effectiveMax(options);
        List<String> out = new ArrayList<>();
        try {
            for (Path file : files(target)) {
                if (filter != null && !Files.isSameFile(file, target)) {
                    Path probe = filterOnName ? file.getFileName() : target.relativize(file);
                    if (!filter.matches(probe)) {
                        continue;
                    }
                }
                if (!TextFiles.looksBinary(file) && searchFile(paths, file, regex, max, out)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new FileAccessException(paths.relative(target), "search failed: " + e, e);
        }
        return String.join("\n", out);
    }

    /** Returns true when the result limit was reached. */
    private static boolean searchFile(WorkspacePaths paths, Path file, Pattern regex, int max, List<String> out)
            throws IOException {
        String shown = paths.relative(file);
        try (BufferedReader reader = TextFiles.lenientReader(file)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                Matcher m = regex.matcher(line);
                if (m.find()) {
                    if (out.size() == max) {
                        out.add(TextSearch.truncationNote(max));
                        return true;
                    }
                    String text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line;
                    out.add(shown + ":" + number + ":" + text);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return false;
    }

    private static Pattern compile(String pattern, boolean caseInsensitive) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidPatternException(String.valueOf(pattern), "the search pattern is empty");
        }
        try {
            return Pattern.compile(pattern, caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new InvalidPatternException(pattern, e.getDescription() + " near index " + e.getIndex());
        }
    }

    private static List<Path> files(Path target) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(target)) {
            files.add(target);
            return files;
        }
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(target)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
