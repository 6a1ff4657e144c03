package io.nightshift.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A set of gitignore-like globs matched against repository-relative paths with {@code /} separators.
 * <ul>
 *   <li>{@code *} matches within one path segment, {@code ?} one character, {@code [abc]} a character class;</li>
 *   <li>{@code **} matches across segments ({@code tests/acceptance/**}, {@code **}{@code /secret.txt});</li>
 *   <li>a pattern without a {@code /} (other than a trailing one) matches any single segment, at any depth
 *       ({@code .env}, {@code *.pem});</li>
 *   <li>a pattern matching a directory matches everything below it ({@code docs} or {@code docs/}).</li>
 * </ul>
 */
final class PathPatterns {

    private final List<String> globs;
    private final List<Pattern> anchored;
    private final List<Pattern> segment;

    private PathPatterns(List<String> globs, List<Pattern> anchored, List<Pattern> segment) {
        this.globs = globs;
        this.anchored = anchored;
        this.segment = segment;
    }

    /** Compiles the globs; throws {@link IllegalArgumentException} naming the bad glob. */
    public static PathPatterns of(List<String> globs) {
        List<Pattern> anchored = new ArrayList<>();
        List<Pattern> segment = new ArrayList<>();
        for (String glob : globs) {
            String g = glob.strip();
            if (g.isEmpty()) {
                throw new IllegalArgumentException("Empty path pattern in " + globs + "; remove it.");
            }
            while (g.endsWith("/") && g.length() > 1) {
                g = g.substring(0, g.length() - 1);
            }
            try {
                if (g.contains("/")) {
                    anchored.add(Pattern.compile(toRegex(g.startsWith("/") ? g.substring(1) : g)));
                } else {
                    segment.add(Pattern.compile(toRegex(g)));
                }
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Invalid path pattern '" + glob + "': " + e.getDescription(), e);
            }
        }
        return new PathPatterns(List.copyOf(globs), List.copyOf(anchored), List.copyOf(segment));
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    public List<String> globs() {
        return globs;
    }

    /** Whether {@code path} or one of the directories above it matches a pattern. */
    public boolean matches(String path) {
        if (globs.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int slash = path.indexOf('/', from);
            String prefix = slash < 0 ? path : path.substring(0, slash);
            String name = prefix.substring(from);
            for (Pattern p : segment) {
                if (p.matcher(name).matches()) {
                    return true;
                }
            }
            for (Pattern p : anchored) {
                if (p.matcher(prefix).matches()) {
                    return true;
                }
            }
            if (slash < 0) {
                return false;
            }
            from = slash + 1;
        }
    }

    private static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 3 : 2;
                continue;
            }
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end).replace("\\", "\\\\");
                        re.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return globs.toString();
    }
}
