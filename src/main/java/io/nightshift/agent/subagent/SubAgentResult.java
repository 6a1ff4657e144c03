package io.nightshift.agent.subagent;

/** What a finished subagent hands back (coding-agent spec 7.3). */
public record SubAgentResult(String output, boolean success, int turnsUsed) {

    /** The result as the JSON text the parent model receives from {@code wait}. */
    public String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode node = io.nightshift.llm.Json.object();
        node.put("output", output);
        node.put("success", success);
        node.put("turns_used", turnsUsed);
        return node.toString();
    }
}
