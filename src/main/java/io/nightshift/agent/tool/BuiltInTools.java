package io.nightshift.agent.tool;

import java.util.Map;

/** The executors behind the built-in tool names; profiles pair them with their JSON definitions. */
public final class BuiltInTools {

    private static final Map<String, ToolExecutor> EXECUTORS = Map.ofEntries(
            Map.entry("read_file", new ReadFileTool()),
            Map.entry("read_many_files", new ReadManyFilesTool()),
            Map.entry("write_file", new WriteFileTool()),
            Map.entry("edit_file", new EditFileTool()),
            Map.entry("apply_patch", new ApplyPatchTool()),
            Map.entry("shell", new ShellTool()),
            Map.entry("grep", new GrepTool()),
            Map.entry("glob", new GlobTool()),
            Map.entry("list_dir", new ListDirTool()),
            Map.entry("spawn_agent", new SpawnAgentTool()),
            Map.entry("send_input", new SendInputTool()),
            Map.entry("wait", new WaitTool()),
            Map.entry("close_agent", new CloseAgentTool()));

    private BuiltInTools() {
    }

    /** The executor for a built-in tool name, or null. */
    public static ToolExecutor executor(String name) {
        return EXECUTORS.get(name);
    }
}
