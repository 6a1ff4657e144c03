package io.nightshift.harness.judge;

import com.fasterxml.jackson.databind.JsonNode;
import io.nightshift.harness.StepAction;
import io.nightshift.llm.Json;
import io.nightshift.sandbox.ExecResult;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The checking steps, evaluated here in Java against the last command or HTTP result of the trial. Text
 * comparisons ignore trailing line breaks for {@code EQUALS}; {@code MATCHES} finds the regular expression
 * anywhere (multi-line mode, so {@code ^} and {@code $} match at line ends).
 */
final class Expectations {

    private Expectations() {
    }

    static StepCheck exitCode(StepAction.ExpectExitCode e, Trial trial) {
        String expected = "exit code " + e.code();
        Observation last = trial.lastCommand;
        if (last == null) {
            return noCommand(expected);
        }
        if (last.timedOut() || last.exitCode() != e.code()) {
            return StepCheck.failed(last.describe(), expected, last.timedOut() ? "the command timed out"
                    : "the command exited with " + last.exitCode() + ", not " + e.code());
        }
        return StepCheck.PASSED;
    }

    static StepCheck text(StepAction.ExpectText e, Trial trial) {
        String expected = describe(e.source()) + " " + describe(e.match()) + " \"" + e.expected() + "\"";
        Observation last = source(e.source(), trial);
        if (last == null) {
            return e.source() == StepAction.Source.HTTP_BODY ? noRequest(expected) : noCommand(expected);
        }
        String actual = text(e.source(), last);
        String problem = compare(e.match(), actual, e.expected());
        return problem == null ? StepCheck.PASSED
                : StepCheck.failed(last.describe(), expected, describe(e.source()) + " " + problem);
    }

    static StepCheck json(StepAction.ExpectJson e, Trial trial) {
        String expected = "JSON field '" + e.path() + "' of " + describe(e.source()) + " equal to " + e.expectedJson();
        Observation last = source(e.source(), trial);
        if (last == null) {
            return e.source() == StepAction.Source.HTTP_BODY ? noRequest(expected) : noCommand(expected);
        }
        JsonNode want = Json.parseOrNull(e.expectedJson());
        if (want == null) {
            return StepCheck.failed(last.describe(), expected, "the scenario's expected value is not JSON");
        }
        JsonNode doc = Json.parseOrNull(text(e.source(), last));
        if (doc == null) {
            return StepCheck.failed(last.describe(), expected, describe(e.source()) + " is not JSON");
        }
        JsonPaths.Found found;
        try {
            found = JsonPaths.find(doc, e.path());
        } catch (IllegalArgumentException bad) {
            return StepCheck.failed(last.describe(), expected, "the scenario's JSON path is invalid: " + bad.getMessage());
        }
        if (found.node() == null) {
            return StepCheck.failed(last.describe(), expected, found.missing());
        }
        if (!JsonPaths.same(found.node(), want)) {
            return StepCheck.failed("the field holds " + Texts.tail(found.node().toString(), 500) + "\n" + last.describe(),
                    expected, "the JSON field has another value");
        }
        return StepCheck.PASSED;
    }

    static StepCheck httpStatus(StepAction.ExpectHttpStatus e, Trial trial) {
        String expected = "HTTP status " + e.status();
        Observation last = trial.lastHttp;
        if (last == null) {
            return noRequest(expected);
        }
        if (last.httpStatus() != e.status()) {
            return StepCheck.failed(last.describe(), expected, "the response status was " + last.httpStatus());
        }
        return StepCheck.PASSED;
    }

    /** Reads the file with commands in the environment, so any path the program could write is reachable. */
    static StepCheck file(StepAction.ExpectFile e, Trial trial) {
        String path = Shell.quote(e.path());
        String expected = e.exists()
                ? "the file " + e.path() + " exists" + (e.expected() == null ? ""
                        : " and its content " + describe(e.match()) + " \"" + e.expected() + "\"")
                : "no file " + e.path();
        ExecResult probe = trial.exec("test -e " + path + " || test -L " + path, Trial.HOUSEKEEPING_MS, null);
        boolean exists = probe.exitCode() == 0;
        if (!e.exists()) {
            return exists ? StepCheck.failed("the file exists", expected, "a file that should be absent exists")
                    : StepCheck.PASSED;
        }
        if (!exists) {
            return StepCheck.failed("no such file", expected, "the file does not exist");
        }
        if (e.expected() == null) {
            return StepCheck.PASSED;
        }
        ExecResult content = trial.exec("cat -- " + path, Trial.HOUSEKEEPING_MS, null);
        if (content.exitCode() != 0) {
            return StepCheck.failed("the file exists but cannot be read: " + Texts.tail(content.stderr(), 300), expected,
                    "the file cannot be read");
        }
        String problem = compare(e.match() == null ? StepAction.Match.CONTAINS : e.match(), content.stdout(), e.expected());
        return problem == null ? StepCheck.PASSED
                : StepCheck.failed("the file holds:\n" + Texts.tail(content.stdout(), Texts.TAIL), expected,
                        "the file's content " + problem);
    }

    /** Null when {@code actual} satisfies the match, else what went wrong. */
    static String compare(StepAction.Match match, String actual, String expected) {
        return switch (match) {
            case CONTAINS -> actual.contains(expected) ? null : "does not contain the expected text";
            case NOT_CONTAINS -> actual.contains(expected) ? "contains text it must not contain" : null;
            case EQUALS -> Texts.trimEnd(actual).equals(Texts.trimEnd(expected)) ? null : "differs from the expected text";
            case MATCHES -> {
                try {
                    yield Pattern.compile(expected, Pattern.MULTILINE).matcher(actual).find() ? null
                            : "does not match the expected pattern";
                } catch (PatternSyntaxException bad) {
                    yield "cannot be checked: the scenario's regular expression is invalid (" + bad.getDescription() + ")";
                }
            }
        };
    }

    private static Observation source(StepAction.Source source, Trial trial) {
        return switch (source) {
            case STDOUT, STDERR -> trial.lastCommand;
            case HTTP_BODY -> trial.lastHttp;
        };
    }

    private static String text(StepAction.Source source, Observation o) {
        return switch (source) {
            case STDOUT -> o.stdout();
            case STDERR -> o.stderr();
            case HTTP_BODY -> o.httpBody();
        };
    }

    private static String describe(StepAction.Source source) {
        return switch (source) {
            case STDOUT -> "stdout";
            case STDERR -> "stderr";
            case HTTP_BODY -> "the response body";
        };
    }

    private static String describe(StepAction.Match match) {
        return switch (match) {
            case CONTAINS -> "contains";
            case NOT_CONTAINS -> "does not contain";
            case EQUALS -> "equals";
            case MATCHES -> "matches";
        };
    }

    private static StepCheck noCommand(String expected) {
        return StepCheck.failed("no command had run yet in this scenario", expected,
                "the expectation comes before any command");
    }

    private static StepCheck noRequest(String expected) {
        return StepCheck.failed("no HTTP response had been received yet in this scenario", expected,
                "the expectation comes before any HTTP request");
    }
}
