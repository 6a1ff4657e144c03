package io.nightshift.sandbox;

/** The result of {@link ExecutionEnvironment#execCommand}. */
public record ExecResult(String stdout, String stderr, int exitCode, boolean timedOut, long durationMs) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }
}
