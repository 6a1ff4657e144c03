package io.nightshift.agent.tool;

/** Shared check of the subagent tools. */
final class SubagentTools {

    private SubagentTools() {
    }

    static AgentSpawner require(ToolInvocation invocation) {
        if (invocation.agents() == null) {
            throw new ToolFailure("subagents are not available in this session");
        }
        return invocation.agents();
    }
}
