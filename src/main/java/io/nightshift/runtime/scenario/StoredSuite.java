package io.nightshift.runtime.scenario;

import java.time.Instant;

/** One version of a suite in the store; {@code current} for the one judging uses. */
public record StoredSuite(String name, String version, Instant importedAt, int scenarios, boolean current) {
}
