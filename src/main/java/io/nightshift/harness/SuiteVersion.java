package io.nightshift.harness;

import java.time.Instant;

/** One imported version of a suite in the store. */
public record SuiteVersion(String suite, String version, Instant importedAt, int scenarios, boolean current) {
}
