package io.nightshift.sandbox.files;

import io.nightshift.sandbox.InvalidPatternException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A glob over relative paths with the usual shell meaning of {@code **}: zero or more directories.
 *
 * <p>Grammar: java.nio {@code glob:} syntax ({@code *} within one path segment, {@code ?}, {@code [abc]},
 * {@code {a,b}}, {@code **} across segments). java.nio requires a {@code **}{@code /} to match at least one
 * directory; this matcher also tries each such segment removed, so {@code **}{@code /*.java} matches
 * {@code A.java} and {@code src/**}{@code /*.java} matches {@code src/A.java}.
 */
final class GlobMatcher {

    private static final int MAX_DOUBLE_STARS = 6;

    private final List<PathMatcher> matchers;

    private GlobMatcher(List<PathMatcher> matchers) {
        this.matchers = matchers;
    }

    /** @throws InvalidPatternException when the pattern is empty or not a valid glob */
    public static GlobMatcher compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidPatternException(String.valueOf(pattern), "the glob pattern is empty");
        }
        List<String> parts = List.of(pattern.split("\\*\\*/", -1));
        if (parts.size() - 1 > MAX_DOUBLE_STARS) {
            throw new InvalidPatternException(pattern, "more than " + MAX_DOUBLE_STARS + " '**/' segments");
        }
        Set<String> variants = new LinkedHashSet<>();
        expand(parts, 1, parts.get(0), variants);
        List<PathMatcher> matchers = new ArrayList<>();
        try {
            for (String variant : variants) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPatternException(pattern, e.getMessage());
        }
        return new GlobMatcher(List.copyOf(matchers));
    }

    private static void expand(List<String> parts, int next, String prefix, Set<String> out) {
        if (next == parts.size()) {
            out.add(prefix);
            return;
        }
        expand(parts, next + 1, prefix + "**/" + parts.get(next), out);
        expand(parts, next + 1, prefix + parts.get(next), out);
    }

    /** True when the relative path matches. */
    public boolean matches(Path relative) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }
}
