package io.nightshift.agent.subagent;

/** Coding-agent spec 7.3. */
public enum SubAgentStatus {
    RUNNING,
    COMPLETED,
    FAILED
}
