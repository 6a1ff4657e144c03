package io.nightshift.llm;

import java.util.List;

/**
 * Gets a chance to fix a tool call whose arguments failed validation (unified-llm-spec 5.8). Returns the
 * repaired call (validated again) or null to give up, in which case the model receives an error result.
 */
@FunctionalInterface
interface ToolRepair {
    ToolCall repair(ToolCall call, List<String> problems);
}
