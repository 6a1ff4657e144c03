package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code close_agent} (coding-agent spec 7.2). */
final class CloseAgentTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        return SubagentTools.require(invocation).close(Arguments.string(args, "agent_id"));
    }
}
