package io.nightshift.harness.judge;

/**
 * What one action of a trial produced: a command's exit code and output, or an HTTP response. Expectations read
 * the last one of their kind; {@link #describe()} is the bounded {@code observed} text of a failed trial (what the
 * program did, never what the scenario expected).
 *
 * @param exitCode the command's exit code, or for a request the transport's (0 = a response came)
 * @param timeoutMs the limit the action ran under, for describing a timeout
 * @param httpStatus the response status, or null for a command
 */
record Observation(int exitCode, boolean timedOut, long timeoutMs, String stdout, String stderr, Integer httpStatus,
                   String httpBody) {

    static Observation command(int exitCode, boolean timedOut, long timeoutMs, String stdout, String stderr) {
        return new Observation(exitCode, timedOut, timeoutMs, stdout, stderr, null, null);
    }

    static Observation http(int status, String body) {
        return new Observation(0, false, 0, "", "", status, body);
    }

    boolean isHttp() {
        return httpStatus != null;
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        if (isHttp()) {
            b.append("HTTP status ").append(httpStatus).append('\n');
            section(b, "response body", httpBody);
            return b.toString().strip();
        }
        if (timedOut) {
            b.append("timed out after ").append(seconds(timeoutMs)).append(" and was stopped\n");
        } else {
            b.append("exit code ").append(exitCode).append('\n');
        }
        section(b, "stdout", stdout);
        section(b, "stderr", stderr);
        return b.toString().strip();
    }

    private static void section(StringBuilder b, String name, String text) {
        if (text == null || text.isEmpty()) {
            b.append(name).append(": (empty)\n");
        } else {
            b.append(name).append(":\n").append(Texts.tail(text, Texts.TAIL)).append('\n');
        }
    }

    static String seconds(long ms) {
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
