package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code send_input} (coding-agent spec 7.2). */
final class SendInputTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        String id = Arguments.string(args, "agent_id");
        SubagentTools.require(invocation).sendInput(id, Arguments.string(args, "message"));
        return "Message delivered to agent " + id;
    }
}
