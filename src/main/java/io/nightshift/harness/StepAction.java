package io.nightshift.harness;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a scenario step does once its text is understood. Actions act in the judge container; expectations check
 * what the last action produced. Fields holding expected values are exactly what {@link Disclosure#HINTS} hides.
 */
public sealed interface StepAction {

    StepKind kind();

    /** Which output an expectation reads. */
    enum Source { STDOUT, STDERR, HTTP_BODY }

    /** How text is compared. */
    enum Match { CONTAINS, NOT_CONTAINS, EQUALS, MATCHES }

    /** Runs a shell command in the snapshot (working directory relative to it; null = its root). */
    record RunCommand(String command, String stdin, Duration timeout, String workingDir) implements StepAction {
        public RunCommand {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(timeout, "timeout");
        }

        public StepKind kind() {
            return StepKind.RUN_COMMAND;
        }
    }

    /** Starts a long-running command in the background and waits until it listens on {@code port}. */
    record StartService(String command, int port, Duration timeout, String workingDir) implements StepAction {
        public StepKind kind() {
            return StepKind.START_SERVICE;
        }
    }

    /** Sends an HTTP request to a service inside the judge container ({@code target}: a path on localhost:port or a URL). */
    record SendHttp(String method, String target, Map<String, String> headers, String body) implements StepAction {
        public SendHttp {
            headers = Map.copyOf(headers);
        }

        public StepKind kind() {
            return StepKind.HTTP_REQUEST;
        }
    }

    record ExpectExitCode(int code) implements StepAction {
        public StepKind kind() {
            return StepKind.EXPECT_EXIT_CODE;
        }
    }

    record ExpectText(Source source, Match match, String expected) implements StepAction {
        public StepKind kind() {
            return StepKind.EXPECT_OUTPUT;
        }
    }

    /** A field of the JSON in {@code source} (a dotted path such as {@code items[0].name}) equals a JSON value. */
    record ExpectJson(Source source, String path, String expectedJson) implements StepAction {
        public StepKind kind() {
            return StepKind.EXPECT_JSON;
        }
    }

    record ExpectHttpStatus(int status) implements StepAction {
        public StepKind kind() {
            return StepKind.EXPECT_HTTP_STATUS;
        }
    }

    /** A file exists (or not), and when {@code expected} is set its content matches. */
    record ExpectFile(String path, boolean exists, Match match, String expected) implements StepAction {
        public StepKind kind() {
            return StepKind.EXPECT_FILE;
        }
    }

    /** A judge model, through the unified LLM client, agrees that the statement holds for what the scenario saw. */
    record JudgeAgrees(String statement) implements StepAction {
        public StepKind kind() {
            return StepKind.LLM_JUDGE;
        }
    }

    /** Resets the suite's twin {@code twin}: nothing received, its cassette from the start, no fault pending. */
    record ResetTwin(String twin) implements StepAction {
        public StepKind kind() {
            return StepKind.TWIN;
        }
    }

    /** The twin answers the next request it receives, whatever it is, with {@code status}. */
    record FailTwinNext(String twin, int status) implements StepAction {
        public StepKind kind() {
            return StepKind.TWIN;
        }
    }

    /**
     * The twin received (or, {@code received} false, never received) a request with this method to this path; a
     * path with a {@code ?} must match the query too.
     */
    record ExpectTwinRequest(String twin, String method, String path, boolean received) implements StepAction {
        public StepKind kind() {
            return StepKind.EXPECT_TWIN_REQUEST;
        }
    }
}
