package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code wait} (coding-agent spec 7.2): blocks until the subagent finishes and returns its result. */
final class WaitTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) throws InterruptedException {
        return SubagentTools.require(invocation).await(Arguments.string(args, "agent_id"));
    }
}
