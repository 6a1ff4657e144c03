package io.nightshift.agent.tool;

import io.nightshift.llm.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of a profile by name (coding-agent spec 3.8). Registering a name that exists replaces it in place
 * (latest wins, 3.7). Thread-safe; definitions keep registration order so requests are stable.
 */
public final class ToolRegistry {

    private final Map<String, RegisteredTool> tools = new LinkedHashMap<>();

    public synchronized void register(RegisteredTool tool) {
        tools.put(tool.name(), tool);
    }

    public synchronized void unregister(String name) {
        tools.remove(name);
    }

    /** The tool called {@code name}, or null. */
    public synchronized RegisteredTool get(String name) {
        return tools.get(name);
    }

    public synchronized List<ToolDefinition> definitions() {
        List<ToolDefinition> out = new ArrayList<>(tools.size());
        for (RegisteredTool tool : tools.values()) {
            out.add(tool.definition());
        }
        return List.copyOf(out);
    }

    public synchronized List<String> names() {
        return List.copyOf(tools.keySet());
    }

    /** An independent copy (subagents get their own registry so their changes stay local). */
    public synchronized ToolRegistry copy() {
        ToolRegistry copy = new ToolRegistry();
        copy.tools.putAll(tools);
        return copy;
    }
}
