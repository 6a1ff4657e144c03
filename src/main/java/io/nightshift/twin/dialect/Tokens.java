package io.nightshift.twin.dialect;

/** Resolved usage numbers for one answer. */
public record Tokens(int input, int output, int cacheRead, int cacheWrite, int reasoning) {
}
