package io.nightshift.harness.suite;

import io.nightshift.harness.StepAction;
import io.nightshift.harness.StepAction.Match;
import io.nightshift.harness.StepAction.Source;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in steps: each phrasing (after any keyword, Given / When / Then / And / But / *) and the
 * {@link StepAction} it means. {@code scenario-store/README.md} documents every one with an example; keep the two
 * in step. A quoted argument is {@code "..."} where {@code \"} is a quote, {@code \\} a backslash, {@code \n} a
 * newline and {@code \t} a tab; any other backslash stays as it is (so {@code "\d+"} is a regex for digits).
 * A phrasing ending in {@code :} takes a doc string; {@code with the headers:} takes a data table.
 */
final class StepCatalogue {

    static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(60);
    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private static final String Q = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final String DURATION = "(\\d{1,5}) (seconds?|minutes?)";
    private static final String METHOD = "(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)";
    private static final String OUTPUT = "(stdout|stderr|the response body|the response)";
    private static final String TEXT_MATCH = "(contains|does not contain|is|matches)";

    /** What a step phrase brings along besides its text. */
    record Argument(String docString, String mediaType, List<List<String>> table) {
        static final Argument NONE = new Argument(null, null, null);
    }

    /** A step's meaning, or why it has none. */
    sealed interface Parsed {
        record Understood(StepAction action) implements Parsed {
        }

        record Rejected(String message) implements Parsed {
        }
    }

    /** One phrasing: how it reads in the documentation, its pattern, and what it builds. */
    private record Phrase(String template, Pattern pattern, Argumented argument, Function<Call, StepAction> build) {
    }

    private enum Argumented { NONE, DOC_STRING, TABLE }

    /** A matched phrase with its argument; builders throw {@link BadStep} for bad values. */
    private record Call(Matcher m, Argument arg) {
        String q(int group) {
            return m.group(group) == null ? null : unquote(m.group(group));
        }
    }

    private static final class BadStep extends RuntimeException {
        BadStep(String message) {
            super(message);
        }
    }

    private static final List<Phrase> PHRASES = List.of(
            phrase("I run \"<command>\"", "I run " + Q + "(?: in " + Q + ")?(?: with a timeout of " + DURATION + ")?",
                    Argumented.NONE, c -> run(c, null)),
            phrase("I run \"<command>\" with the input:",
                    "I run " + Q + "(?: in " + Q + ")?(?: with a timeout of " + DURATION + ")? with the input:",
                    Argumented.DOC_STRING, c -> run(c, c.arg.docString())),
            phrase("I start \"<command>\" and wait for port <port>",
                    "I start " + Q + "(?: in " + Q + ")? and wait for port (\\d{1,5})(?: for up to " + DURATION + ")?",
                    Argumented.NONE, StepCatalogue::start),
            phrase("I send a <METHOD> request to \"<path>\"", "I send an? " + METHOD + " request to " + Q,
                    Argumented.NONE, c -> http(c, Map.of(), null)),
            phrase("I send a <METHOD> request to \"<path>\" with the headers:",
                    "I send an? " + METHOD + " request to " + Q + " with the headers:",
                    Argumented.TABLE, c -> http(c, headers(c.arg.table()), null)),
            phrase("I send a <METHOD> request to \"<path>\" with the body:",
                    "I send an? " + METHOD + " request to " + Q + " with the body:",
                    Argumented.DOC_STRING, c -> http(c, contentType(c.arg.mediaType()), c.arg.docString())),
            phrase("I send a <METHOD> request to \"<path>\" with the body \"<body>\"",
                    "I send an? " + METHOD + " request to " + Q + " with the body " + Q,
                    Argumented.NONE, c -> http(c, Map.of(), c.q(3))),
            phrase("I send a <METHOD> request to \"<path>\" with the body \"<body>\" and the headers:",
                    "I send an? " + METHOD + " request to " + Q + " with the body " + Q + " and the headers:",
                    Argumented.TABLE, c -> http(c, headers(c.arg.table()), c.q(3))),
            phrase("the exit code is <n>", "the exit code is (\\d{1,3})", Argumented.NONE,
                    c -> new StepAction.ExpectExitCode(number(c.m.group(1), 0, 255, "an exit code"))),
            phrase("stdout contains \"<text>\"", OUTPUT + " " + TEXT_MATCH + " " + Q, Argumented.NONE,
                    c -> text(c, c.q(3))),
            phrase("stdout contains:", OUTPUT + " " + TEXT_MATCH + ":", Argumented.DOC_STRING,
                    c -> text(c, c.arg.docString())),
            phrase("the JSON field \"<path>\" of stdout is <JSON value>",
                    "the JSON field " + Q + " of " + OUTPUT + " is (\\S.*)", Argumented.NONE,
                    c -> json(c, c.m.group(3))),
            phrase("the JSON field \"<path>\" of the response is:", "the JSON field " + Q + " of " + OUTPUT + " is:",
                    Argumented.DOC_STRING, c -> json(c, c.arg.docString())),
            phrase("the response status is <status>", "the response status is (\\d{3})", Argumented.NONE,
                    c -> new StepAction.ExpectHttpStatus(number(c.m.group(1), 100, 599, "an HTTP status"))),
            phrase("the file \"<path>\" exists", "the file " + Q + " exists", Argumented.NONE,
                    c -> new StepAction.ExpectFile(filePath(c.q(1)), true, null, null)),
            phrase("the file \"<path>\" does not exist", "the file " + Q + " does not exist", Argumented.NONE,
                    c -> new StepAction.ExpectFile(filePath(c.q(1)), false, null, null)),
            phrase("the file \"<path>\" contains \"<text>\"", "the file " + Q + " " + TEXT_MATCH + " " + Q,
                    Argumented.NONE, c -> file(c, c.q(3))),
            phrase("the file \"<path>\" contains:", "the file " + Q + " " + TEXT_MATCH + ":", Argumented.DOC_STRING,
                    c -> file(c, c.arg.docString())),
            phrase("a judge agrees that \"<statement>\"", "a judge agrees that " + Q, Argumented.NONE,
                    c -> judge(c.q(1))),
            phrase("a judge agrees that:", "a judge agrees that:", Argumented.DOC_STRING,
                    c -> judge(c.arg.docString())),
            phrase("the \"<twin>\" twin", "the " + Q + " twin", Argumented.NONE,
                    c -> new StepAction.ResetTwin(c.q(1))),
            phrase("the \"<twin>\" twin fails the next request with <status>",
                    "the " + Q + " twin fails the next request with (\\d{3})", Argumented.NONE,
                    c -> new StepAction.FailTwinNext(c.q(1), number(c.m.group(2), 100, 599, "an HTTP status"))),
            phrase("the \"<twin>\" twin received a <METHOD> to \"<path>\"",
                    "the " + Q + " twin received an? " + METHOD + " (?:request )?to " + Q, Argumented.NONE,
                    c -> twinRequest(c, true)),
            phrase("the \"<twin>\" twin received no <METHOD> to \"<path>\"",
                    "the " + Q + " twin received no " + METHOD + " (?:request )?to " + Q, Argumented.NONE,
                    c -> twinRequest(c, false)));

    private StepCatalogue() {
    }

    private static Phrase phrase(String template, String regex, Argumented argument, Function<Call, StepAction> build) {
        return new Phrase(template, Pattern.compile(regex), argument, build);
    }

    /** Every phrasing as the documentation shows it. */
    static List<String> templates() {
        return PHRASES.stream().map(Phrase::template).toList();
    }

    /** What {@code text} (the step without its keyword) means. */
    static Parsed parse(String text, Argument arg) {
        String t = text.strip();
        for (Phrase p : PHRASES) {
            Matcher m = p.pattern().matcher(t);
            if (!m.matches()) {
                continue;
            }
            String argProblem = argumentProblem(p, arg);
            if (argProblem != null) {
                return new Parsed.Rejected(argProblem);
            }
            try {
                return new Parsed.Understood(p.build().apply(new Call(m, arg)));
            } catch (BadStep e) {
                return new Parsed.Rejected(e.getMessage());
            }
        }
        String closest = closest(t);
        String quoteHint = quotes(t) > quotes(closest) ? "; inside a quoted value, write a quote as \\\"" : "";
        return new Parsed.Rejected("unknown step '" + t + "'; the closest built-in step is '" + closest
                + "' (every built-in step is in scenario-store/README.md)" + quoteHint);
    }

    private static String argumentProblem(Phrase p, Argument arg) {
        boolean hasDoc = arg.docString() != null;
        boolean hasTable = arg.table() != null;
        return switch (p.argument()) {
            case NONE -> hasDoc ? "this step takes no doc string (end the step with ':' where a phrasing takes one)"
                    : hasTable ? "this step takes no data table" : null;
            case DOC_STRING -> hasDoc ? null : "this step ends with ':' and needs a doc string (\"\"\" lines) under it";
            case TABLE -> hasTable ? null : "this step ends with ':' and needs a data table (| name | value |) under it";
        };
    }

    /** The documented phrasing nearest to {@code text}, quoted values and numbers set aside. */
    static String closest(String text) {
        String shape = shape(text);
        String best = PHRASES.get(0).template();
        int bestDistance = Integer.MAX_VALUE;
        for (Phrase p : PHRASES) {
            int d = distance(shape, shape(p.template()));
            if (d < bestDistance) {
                bestDistance = d;
                best = p.template();
            }
        }
        return best;
    }

    /** The number of quotes not escaped by a backslash. */
    private static int quotes(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    private static String shape(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll(Q, "\"\"").replaceAll("<[^>]*>", "#")
                .replaceAll("\\d+", "#").replaceAll("\\s+", " ").strip();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    static String unquote(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(i + 1);
                switch (next) {
                    case '"', '\\' -> {
                        out.append(next);
                        i++;
                    }
                    case 'n' -> {
                        out.append('\n');
                        i++;
                    }
                    case 't' -> {
                        out.append('\t');
                        i++;
                    }
                    default -> out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static StepAction run(Call c, String stdin) {
        String command = c.q(1);
        if (command.isBlank()) {
            throw new BadStep("the command is empty");
        }
        Duration timeout = c.m.group(3) == null ? DEFAULT_RUN_TIMEOUT : duration(c.m.group(3), c.m.group(4));
        return new StepAction.RunCommand(command, stdin, timeout, workingDir(c.q(2)));
    }

    private static StepAction start(Call c) {
        String command = c.q(1);
        if (command.isBlank()) {
            throw new BadStep("the command is empty");
        }
        int port = number(c.m.group(3), 1, 65535, "a port");
        Duration timeout = c.m.group(4) == null ? DEFAULT_START_TIMEOUT : duration(c.m.group(4), c.m.group(5));
        return new StepAction.StartService(command, port, timeout, workingDir(c.q(2)));
    }

    /** The target is resolved later (a path needs the port of a service started before it): see SuiteLoader. */
    private static StepAction http(Call c, Map<String, String> headers, String body) {
        String target = c.q(2);
        if (!target.startsWith("/") && !target.startsWith("http://") && !target.startsWith("https://")) {
            throw new BadStep("the request target '" + target + "' must be a path starting with '/' (sent to the "
                    + "service started last) or a full http:// URL");
        }
        return new StepAction.SendHttp(c.m.group(1), target, headers, body);
    }

    private static Map<String, String> headers(List<List<String>> table) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (List<String> row : table) {
            if (row.size() != 2 || row.get(0).isBlank()) {
                throw new BadStep("each row of the headers table is | Header-Name | value |");
            }
            headers.put(row.get(0).strip(), row.get(1).strip());
        }
        return headers;
    }

    /** A doc string's media type ({@code """json}) becomes the request's Content-Type. */
    private static Map<String, String> contentType(String mediaType) {
        if (mediaType == null || mediaType.isBlank()) {
            return Map.of();
        }
        String type = switch (mediaType.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> "application/json";
            case "xml" -> "application/xml";
            case "text" -> "text/plain";
            case "form" -> "application/x-www-form-urlencoded";
            default -> mediaType.strip();
        };
        return Map.of("Content-Type", type);
    }

    private static StepAction text(Call c, String expected) {
        Match match = match(c.m.group(2));
        checkRegex(match, expected);
        return new StepAction.ExpectText(source(c.m.group(1)), match, expected);
    }

    private static StepAction json(Call c, String value) {
        String path = c.q(1);
        if (!JsonPaths.valid(path)) {
            throw new BadStep("'" + path + "' is not a JSON field path: use names and indexes such as "
                    + "items[0].name");
        }
        String json = value.strip();
        if (!JsonPaths.isJsonValue(json)) {
            throw new BadStep("the expected value " + json + " is not JSON: quote strings (\"Ada\"); numbers, true, "
                    + "false, null, arrays and objects are written as in JSON");
        }
        return new StepAction.ExpectJson(source(c.m.group(2)), path, json);
    }

    private static StepAction file(Call c, String expected) {
        Match match = match(c.m.group(2));
        checkRegex(match, expected);
        return new StepAction.ExpectFile(filePath(c.q(1)), true, match, expected);
    }

    private static StepAction twinRequest(Call c, boolean received) {
        String path = c.q(3);
        if (!path.startsWith("/")) {
            throw new BadStep("the path a twin received must start with '/', such as \"/v1/charges\"; was \"" + path
                    + "\"");
        }
        return new StepAction.ExpectTwinRequest(c.q(1), c.m.group(2), path, received);
    }

    private static StepAction judge(String statement) {
        if (statement.isBlank()) {
            throw new BadStep("the judge needs a statement to agree with");
        }
        return new StepAction.JudgeAgrees(statement.strip());
    }

    private static Source source(String word) {
        return switch (word) {
            case "stdout" -> Source.STDOUT;
            case "stderr" -> Source.STDERR;
            default -> Source.HTTP_BODY;
        };
    }

    private static Match match(String word) {
        return switch (word) {
            case "contains" -> Match.CONTAINS;
            case "does not contain" -> Match.NOT_CONTAINS;
            case "is" -> Match.EQUALS;
            default -> Match.MATCHES;
        };
    }

    private static void checkRegex(Match match, String expected) {
        if (match == Match.MATCHES) {
            try {
                Pattern.compile(expected);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new BadStep("invalid regular expression: " + e.getDescription() + " near index "
                        + e.getIndex());
            }
        }
    }

    private static int number(String digits, int min, int max, String what) {
        int n = Integer.parseInt(digits);
        if (n < min || n > max) {
            throw new BadStep(n + " is not " + what + " (" + min + " to " + max + ")");
        }
        return n;
    }

    private static Duration duration(String amount, String unit) {
        long n = Long.parseLong(amount);
        Duration d = unit.startsWith("minute") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
        if (d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new BadStep("a timeout is from 1 second to 60 minutes");
        }
        return d;
    }

    private static String workingDir(String dir) {
        if (dir == null) {
            return null;
        }
        String d = dir.strip();
        if (d.isEmpty() || d.startsWith("/") || List.of(d.split("/")).contains("..")) {
            throw new BadStep("the working directory '" + dir + "' must be a relative path inside the program's "
                    + "folder (no leading '/', no '..')");
        }
        return d;
    }

    private static String filePath(String path) {
        if (path.isBlank()) {
            throw new BadStep("the file path is empty");
        }
        return path;
    }
}
