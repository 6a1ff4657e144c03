package io.nightshift.runtime.scenario;

/** The result of {@code scenarios import}: the check, and when valid the stored version and whether it is new. */
public record SuiteImport(SuiteCheck check, StoredSuite stored, boolean changed) {
}
