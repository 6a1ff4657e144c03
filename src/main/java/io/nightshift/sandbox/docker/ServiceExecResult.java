package io.nightshift.sandbox.docker;

/** The outcome of one {@link ServiceContainer#exec}: whole stdout and stderr as text, and the exit code. */
public record ServiceExecResult(String stdout, String stderr, int exitCode) {
}
