package io.nightshift.agent.tool;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code spawn_agent} (coding-agent spec 7.2): starts a child session and returns its id at once. */
final class SpawnAgentTool implements ToolExecutor {

    @Override
    public String execute(JsonNode args, ToolInvocation invocation) {
        AgentSpawner agents = SubagentTools.require(invocation);
        Integer maxTurns = Arguments.optionalInt(args, "max_turns");
        String id = agents.spawn(Arguments.string(args, "task"), Arguments.optionalString(args, "working_dir"),
                Arguments.optionalString(args, "model"), maxTurns == null ? 0 : maxTurns);
        return "{\"agent_id\": \"" + id + "\", \"status\": \"running\"}";
    }
}
