/**
 * Holdout judging wired into runs: the {@code harness} node type, judging codergen stages in place round after
 * round, the judgment files of the run directory, the events and the guard against held-out suites on a local
 * sandbox. It reaches the scenario store and the judge only through the port {@link
 * io.nightshift.runtime.harness.HarnessGateway}.
 */
package io.nightshift.runtime.harness;
