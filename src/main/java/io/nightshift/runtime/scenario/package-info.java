/**
 * The operator's view of held-out scenario suites for the edges ({@code nightshift scenarios ...}): check a suite
 * folder, import it into the isolated store, list, show and remove suites. Plain records out, so the CLI needs
 * nothing of {@code harness} or {@code sandbox}.
 */
package io.nightshift.runtime.scenario;
