/**
 * The coding agent loop (coding-agent spec): Session, provider profiles, tools, truncation, steering, subagents, events. Imports llm and sandbox.
 */
package io.nightshift.agent;
