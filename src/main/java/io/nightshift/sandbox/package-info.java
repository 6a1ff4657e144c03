/**
 * Where agent tools and tool nodes run: the ExecutionEnvironment contract (coding-agent spec 4.1), local and Docker implementations, pool and reaper. Imports nothing of ours.
 */
package io.nightshift.sandbox;
