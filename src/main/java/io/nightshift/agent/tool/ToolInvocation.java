package io.nightshift.agent.tool;

import io.nightshift.sandbox.ExecutionEnvironment;
import java.util.function.Consumer;

/**
 * Everything a tool executor may use for one call.
 *
 * @param environment       where the tool acts (its only way to touch files and run commands)
 * @param callId            the model's id for this call
 * @param commandTimeoutMs  the default command timeout for this profile and session
 * @param maxCommandTimeoutMs upper bound for any timeout the model asks for
 * @param outputDelta       receives incremental output (TOOL_CALL_OUTPUT_DELTA); never null
 * @param agents            the subagent manager, or null where spawning is not available
 */
public record ToolInvocation(ExecutionEnvironment environment, String callId, long commandTimeoutMs,
                             long maxCommandTimeoutMs, Consumer<String> outputDelta, AgentSpawner agents) {
}
