/**
 * The composition root: configuration, wiring, run launching, the agent-backed CodergenBackend, event envelopes and sinks. May import every layer below it.
 */
package io.nightshift.runtime;
